export default definePageConfig({
  navigationBarTitleText: '年度报告',
  enablePullDownRefresh: true,
});
