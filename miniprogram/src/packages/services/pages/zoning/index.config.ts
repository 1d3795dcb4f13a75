export default definePageConfig({
  navigationBarTitleText: '学区查询',
});
