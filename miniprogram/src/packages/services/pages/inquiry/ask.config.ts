export default definePageConfig({
  navigationBarTitleText: '咨询投诉',
});
