/** Staff roles. A staff account has one or more; the server checks them on every action. */
export const STAFF_ROLES = [
  'editor',
  'unit_head',
  'secrecy_reviewer',
  'leader',
  'publisher',
  'inquiry_handler',
  'disclosure_handler',
  'disclosure_head',
  'report_editor',
  'admin',
] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const STAFF_ROLE_LABELS: Record<StaffRole, string> = {
  editor: '信息编辑',
  unit_head: '科室负责人',
  secrecy_reviewer: '保密审查员',
  leader: '分管领导',
  publisher: '信息发布中心',
  inquiry_handler: '咨询办理人',
  disclosure_handler: '依申请公开办理人',
  disclosure_head: '政府信息公开办公室负责人',
  report_editor: '年度报告编辑',
  admin: '系统管理员',
};

export function isStaffRole(value: string): value is StaffRole {
  return (STAFF_ROLES as readonly string[]).includes(value);
}

export const UNIT_KINDS = ['bureau_office', 'school'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];
