export default definePageConfig({
  navigationBarTitleText: '推送结果',
});
