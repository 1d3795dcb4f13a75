export default definePageConfig({
  navigationBarTitleText: '信息列表',
  enablePullDownRefresh: true,
  onReachBottomDistance: 120,
});
