export default definePageConfig({
  navigationBarTitleText: '复议诉讼登记',
});
