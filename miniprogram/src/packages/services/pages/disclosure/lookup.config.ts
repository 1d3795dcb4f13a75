export default definePageConfig({
  navigationBarTitleText: '按申请编号查询',
});
