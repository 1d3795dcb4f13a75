/**
 * The bureau's 公开目录: ten categories and its special topics (专题专栏), as published in its
 * 2017 annual report. These are the seeds the first migration writes; admins may rename or
 * re-order them afterwards, but the codes are stable identifiers used in URLs and 索引号.
 */
export interface CategorySeed {
  code: string;
  name: string;
  description: string;
}

export const CATEGORY_SEEDS: readonly CategorySeed[] = [
  { code: 'GZJG', name: '工作机构', description: '机构职能、内设科室、领导分工与联系方式' },
  { code: 'ZCWJ', name: '政策文件', description: '规范性文件、政策解读与教育法规' },
  { code: 'JYHM', name: '教育惠民', description: '学生资助、营养改善计划等惠民政策' },
  { code: 'JYDD', name: '教育督导', description: '督导评估、责任督学与督导报告' },
  { code: 'XXDT', name: '学校动态', description: '各学校工作动态与信息公开' },
  { code: 'JCJY', name: '基础教育', description: '义务教育与普通高中教育管理' },
  { code: 'XQJY', name: '学前教育', description: '幼儿园管理、普惠性学前教育' },
  { code: 'BSZN', name: '办事指南', description: '办事流程、所需材料与办理时限' },
  { code: 'ZSKS', name: '招生考试', description: '招生政策、中考与各类考试信息' },
  { code: 'ZBCG', name: '招标采购', description: '政府采购、招标公告与中标结果' },
];

export interface TopicSeed {
  code: string;
  name: string;
  description: string;
}

export const TOPIC_SEEDS: readonly TopicSeed[] = [
  { code: 'zhongkao', name: '中考', description: '中考政策、报名、体育考试与录取' },
  { code: 'zoning', name: '义务教育划片', description: '城区义务教育学校划片招生范围与方案' },
  { code: 'migrant-children', name: '进城务工人员子女入学', description: '随迁子女入学条件、材料与办理流程' },
  { code: 'supervision', name: '教育督导', description: '督导评估专题' },
  { code: 'weak-school-upgrade', name: '全面改薄', description: '全面改善贫困地区义务教育薄弱学校基本办学条件' },
];

/** Information types the yearly report counts proactively published items by. */
export const INFO_TYPES = ['organization', 'policy', 'business', 'procurement'] as const;
export type InfoType = (typeof INFO_TYPES)[number];
export const INFO_TYPE_LABELS: Record<InfoType, string> = {
  organization: '机构设置及人事信息',
  policy: '政策法规类',
  business: '业务公开',
  procurement: '招标采购',
};

/** 公开属性. Only `proactive` (主动公开) notices are ever visible to the public. */
export const DISCLOSURE_ATTRIBUTES = ['proactive', 'on_request', 'withheld'] as const;
export type DisclosureAttribute = (typeof DISCLOSURE_ATTRIBUTES)[number];
export const DISCLOSURE_LABELS: Record<DisclosureAttribute, string> = {
  proactive: '主动公开',
  on_request: '依申请公开',
  withheld: '不予公开',
};

/** The legal grounds for 不予公开 (Regulation on the Disclosure of Government Information, 2019). */
export const WITHHOLD_REASONS = [
  '国家秘密',
  '其他法律行政法规禁止公开',
  '危及“三安全一稳定”',
  '保护第三方合法权益',
  '属于三类内部事务信息',
  '属于四类过程性信息',
  '属于行政执法案卷',
  '属于行政查询事项',
] as const;
export type WithholdReason = (typeof WITHHOLD_REASONS)[number];

/** Disclosure rule: anything not 主动公开 needs a reason, and 不予公开 needs a legal one. */
export function disclosureReasonProblem(
  attribute: DisclosureAttribute,
  reason: string | null | undefined,
): string | null {
  const text = (reason ?? '').trim();
  if (attribute === 'proactive') return null;
  if (!text) return `${DISCLOSURE_LABELS[attribute]}须说明理由`;
  if (attribute === 'withheld' && !(WITHHOLD_REASONS as readonly string[]).includes(text)) {
    return `不予公开的理由须为法定情形之一：${WITHHOLD_REASONS.join('、')}`;
  }
  return null;
}
