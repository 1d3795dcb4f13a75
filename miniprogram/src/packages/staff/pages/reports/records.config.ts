export default definePageConfig({
  navigationBarTitleText: '年报资料',
});
