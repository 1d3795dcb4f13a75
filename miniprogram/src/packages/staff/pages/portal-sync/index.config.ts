export default definePageConfig({
  navigationBarTitleText: '门户同步',
  enablePullDownRefresh: true,
});
