export default definePageConfig({
  navigationBarTitleText: '咨询办理',
  enablePullDownRefresh: true,
});
