export default definePageConfig({
  navigationBarTitleText: '划片表',
});
