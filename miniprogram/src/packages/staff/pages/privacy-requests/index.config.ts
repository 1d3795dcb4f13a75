export default definePageConfig({
  navigationBarTitleText: '权利申请',
  enablePullDownRefresh: true,
});
