export default definePageConfig({
  navigationBarTitleText: '同义词',
  enablePullDownRefresh: true,
});
