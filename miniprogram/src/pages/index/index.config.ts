export default definePageConfig({
  navigationBarTitleText: '教育公开',
  enablePullDownRefresh: true,
  enableShareAppMessage: true,
});
