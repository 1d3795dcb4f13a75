export default definePageConfig({
  navigationBarTitleText: '未查到的地址',
  enablePullDownRefresh: true,
});
