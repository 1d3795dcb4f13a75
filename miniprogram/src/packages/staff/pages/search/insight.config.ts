export default definePageConfig({
  navigationBarTitleText: '搜索统计',
  enablePullDownRefresh: true,
});
