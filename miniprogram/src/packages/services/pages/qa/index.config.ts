export default definePageConfig({
  navigationBarTitleText: '问答公开',
  enablePullDownRefresh: true,
});
