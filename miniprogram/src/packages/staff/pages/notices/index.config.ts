export default definePageConfig({
  navigationBarTitleText: '我的稿件',
  onReachBottomDistance: 120,
  enablePullDownRefresh: true,
});
