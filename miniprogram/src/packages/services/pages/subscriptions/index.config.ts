export default definePageConfig({
  navigationBarTitleText: '订阅与消息提醒',
});
