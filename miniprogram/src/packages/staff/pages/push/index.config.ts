export default definePageConfig({
  navigationBarTitleText: '推送信息',
});
