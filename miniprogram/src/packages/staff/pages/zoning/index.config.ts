export default definePageConfig({
  navigationBarTitleText: '学区划分',
  enablePullDownRefresh: true,
});
