export default definePageConfig({
  navigationBarTitleText: '公众号提醒',
});
