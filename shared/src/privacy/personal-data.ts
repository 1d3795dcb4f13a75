/**
 * What the bureau holds about parents, why, on which legal basis, for how long and who receives
 * it. The privacy notice (个人信息保护政策) is generated from this list and from PRIVACY_APIS, so
 * the notice, the WeChat console declaration and the code cannot disagree. A capability that
 * starts collecting something new adds it here (and bumps PRIVACY_NOTICE.version).
 */

/** Periods the retention job enforces, in days; each is configurable (PRIVACY_RETAIN_<KIND>_DAYS). */
export const RETENTION_KINDS = ['inquiry_phone', 'inquiry_photo', 'push_openid', 'oa_message', 'inactive_account', 'zoning_miss', 'disclosure_identity'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export interface RetentionRule {
  kind: RetentionKind;
  /** What is erased, for staff and the notice. */
  label: string;
  /** Counted from this event. */
  from: string;
  defaultDays: number;
  /** The environment variable that changes it. */
  env: string;
}

export const RETENTION_RULES: readonly RetentionRule[] = [
  { kind: 'inquiry_phone', label: '咨询投诉中留下的联系电话', from: '办结', defaultDays: 180, env: 'PRIVACY_RETAIN_INQUIRY_PHONE_DAYS' },
  { kind: 'inquiry_photo', label: '咨询投诉中上传的照片', from: '办结', defaultDays: 180, env: 'PRIVACY_RETAIN_INQUIRY_PHOTO_DAYS' },
  { kind: 'push_openid', label: '消息发送记录中的微信标识', from: '发送', defaultDays: 90, env: 'PRIVACY_RETAIN_PUSH_OPENID_DAYS' },
  { kind: 'oa_message', label: '公众号收到的消息记录', from: '收到', defaultDays: 30, env: 'PRIVACY_RETAIN_OA_MESSAGE_DAYS' },
  { kind: 'inactive_account', label: '长期未使用的家长账号（注销处理）', from: '最后一次登录', defaultDays: 1095, env: 'PRIVACY_RETAIN_INACTIVE_ACCOUNT_DAYS' },
  { kind: 'zoning_miss', label: '学区查询中未查到结果的地址', from: '最后一次查询', defaultDays: 180, env: 'PRIVACY_RETAIN_ZONING_MISS_DAYS' },
  /**
   * 依申请公开: the applicant's identity and contact details, 10 years after the request finished —
   * the bureau's archive period for 政府信息公开申请 files (定期10年 under 国家档案局令第8号), far past
   * the windows for reconsideration (60 days) and lawsuit (6 months). What the yearly report counts
   * (type, outcome, dates) stays.
   */
  { kind: 'disclosure_identity', label: '政府信息公开申请中的申请人身份和联系信息', from: '办结', defaultDays: 3650, env: 'PRIVACY_RETAIN_DISCLOSURE_IDENTITY_DAYS' },
];

export type RetentionDays = Record<RetentionKind, number>;

export const DEFAULT_RETENTION_DAYS: RetentionDays = Object.fromEntries(RETENTION_RULES.map((r) => [r.kind, r.defaultDays])) as RetentionDays;

export const PERSONAL_DATA_KINDS = ['wechat_id', 'nickname', 'phone', 'inquiry_content', 'photo', 'child_info', 'subscription', 'oa_follower', 'address', 'id_number', 'disclosure_applicant'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

/** 个人信息保护法 article 13's bases that apply to the bureau. */
export type LegalBasis = 'consent' | 'separate_consent' | 'statutory_duty';

export const LEGAL_BASIS_LABELS: Record<LegalBasis, string> = {
  consent: '您的同意（《个人信息保护法》第十三条第一款第一项）',
  separate_consent: '监护人的单独同意（《个人信息保护法》第二十九条、第三十一条）',
  statutory_duty: '履行法定职责所必需（《个人信息保护法》第十三条第一款第三项，《政府信息公开条例》等）',
};

export interface PersonalDataItem {
  kind: PersonalDataKind;
  /** What it is, as the notice names it. */
  label: string;
  /** When it is collected: the feature a parent uses. */
  collectedWhen: string;
  purpose: string;
  bases: readonly LegalBasis[];
  /** How long it is kept; `{inquiry_phone}` and the like are replaced by the configured days. */
  retention: string;
  /** Who receives it besides the system. */
  recipients: string;
  /** 敏感个人信息 (PIPL article 28): children's information, ID numbers. */
  sensitive: boolean;
  /** Encrypted at rest in the database (AES-256-GCM). */
  encrypted: boolean;
  /** False while the capability that collects it has not opened; the notice says so. */
  collecting: boolean;
}

export const PERSONAL_DATA: readonly PersonalDataItem[] = [
  {
    kind: 'wechat_id',
    label: '微信标识（openid、unionid）',
    collectedWhen: '您在小程序中登录时，由微信提供',
    purpose: '识别您的账号，向您发送您订阅的通知和办理进度',
    bases: ['consent'],
    retention: '账号注销时删除；消息发送记录中的微信标识在发送 {push_openid} 天后删除；连续 {inactive_account} 天未登录的账号自动注销',
    recipients: '微信（腾讯公司），仅用于向您发送消息',
    sensitive: false,
    encrypted: false,
    collecting: true,
  },
  {
    kind: 'nickname',
    label: '账号名称',
    collectedWhen: '登录时默认为“微信用户”，您可以在“我的信息”中修改',
    purpose: '在办理页面上称呼您',
    bases: ['consent'],
    retention: '账号注销时删除',
    recipients: '无',
    sensitive: false,
    encrypted: false,
    collecting: true,
  },
  {
    kind: 'phone',
    label: '联系电话',
    collectedWhen: '您提交咨询、投诉、建议、反馈时自愿填写',
    purpose: '承办人员需要时与您电话联系',
    bases: ['consent'],
    retention: '办结后 {inquiry_phone} 天删除；账号注销时删除',
    recipients: '承办您事项的科室或学校（除承办人外只显示部分号码）',
    sensitive: false,
    encrypted: true,
    collecting: true,
  },
  {
    kind: 'inquiry_content',
    label: '咨询、投诉、建议、反馈的内容及办理记录',
    collectedWhen: '您提交和补充事项时',
    purpose: '依法办理、答复您的事项，统计办理情况',
    bases: ['consent', 'statutory_duty'],
    retention: '按政务服务档案管理规定保存；账号注销后去除与您身份的关联，仅供工作人员依职责查阅',
    recipients: '承办您事项的科室或学校；经您同意公开的问答去除个人信息后公开',
    sensitive: false,
    encrypted: false,
    collecting: true,
  },
  {
    kind: 'photo',
    label: '您上传的照片',
    collectedWhen: '您在咨询、投诉中选择照片作为说明材料时',
    purpose: '帮助承办人员了解情况',
    bases: ['consent'],
    retention: '办结后 {inquiry_photo} 天删除；账号注销时删除',
    recipients: '承办您事项的科室或学校',
    sensitive: false,
    encrypted: false,
    collecting: true,
  },
  {
    kind: 'child_info',
    label: '未满十四周岁子女的信息（如姓名、年级、学校、健康状况）',
    collectedWhen: '您在事项内容中写到孩子的情况时',
    purpose: '办理与孩子入学、就读有关的事项',
    bases: ['separate_consent', 'statutory_duty'],
    retention: '与所在事项相同；您撤回单独同意后，已办结事项中的相关内容和照片即删除',
    recipients: '承办您事项的科室或学校',
    sensitive: true,
    encrypted: false,
    collecting: true,
  },
  {
    kind: 'subscription',
    label: '订阅记录和消息发送记录',
    collectedWhen: '您订阅栏目通知、同意接收办理进度提醒时',
    purpose: '按您的订阅发送通知',
    bases: ['consent'],
    retention: '取消订阅或撤回同意时删除订阅；发送记录保留发送结果用于统计，其中的微信标识 {push_openid} 天后删除',
    recipients: '微信（腾讯公司）',
    sensitive: false,
    encrypted: false,
    collecting: true,
  },
  {
    kind: 'oa_follower',
    label: '公众号关注信息及您发给公众号的消息',
    collectedWhen: '您关注“教育公开”公众号、向公众号发送消息时',
    purpose: '自动回复您的消息，统计关注人数',
    bases: ['consent'],
    retention: '消息记录 {oa_message} 天后删除；账号注销时去除微信标识',
    recipients: '微信（腾讯公司）',
    sensitive: false,
    encrypted: false,
    collecting: true,
  },
  {
    kind: 'address',
    label: '住址',
    collectedWhen: '您使用学区查询时输入（无需登录）',
    purpose: '查询您的住址对应的划片学校；未查到结果的地址供工作人员补充划片范围',
    bases: ['consent'],
    retention:
      '查到结果的地址仅用于本次查询，不保存；未查到结果的地址去掉单元、楼层和室号后保存，不记录查询人、账号或网络地址，无法与您的身份关联，最后一次被查询 {zoning_miss} 天后删除',
    recipients: '县教育局负责划片的工作人员（只能看到未查到结果的地址及其查询次数）',
    sensitive: false,
    encrypted: false,
    collecting: true,
  },
  {
    kind: 'id_number',
    label: '身份证件号码',
    collectedWhen: '您以自然人身份提出政府信息公开申请（依申请公开）时',
    purpose: '依《政府信息公开条例》第二十九条确认申请人身份；按件计收信息处理费时按月累计同一申请人的申请件数（只比对不可逆的密钥散列值，不解密）',
    bases: ['statutory_duty'],
    retention: '申请办结后 {disclosure_identity} 天删除（政府信息公开申请档案的保存期限）；账号注销时删除。年度报告统计所需的申请类型、处理结果和日期不含身份信息，继续保存',
    recipients: '受理您申请的工作人员可以查看完整号码，其他工作人员和您本人的页面只显示部分号码',
    sensitive: true,
    encrypted: true,
    collecting: true,
  },
  {
    kind: 'disclosure_applicant',
    label: '政府信息公开申请人的姓名或名称、联系电话、电子邮箱、通信地址和邮政编码',
    collectedWhen: '您提出政府信息公开申请（依申请公开）时',
    purpose: '依《政府信息公开条例》第二十九条确认申请人，在办理中与您联系（补正、征求意见、收费、延期告知），按您选择的方式送达答复书',
    bases: ['statutory_duty'],
    retention: '申请办结后 {disclosure_identity} 天删除；账号注销时删除',
    recipients: '受理您申请的工作人员（其他工作人员只看到部分信息）；选择邮寄送达时为承运的邮政或快递企业',
    sensitive: false,
    encrypted: true,
    collecting: true,
  },
];

/** The retention text with the configured days filled in. */
export function retentionText(item: PersonalDataItem, days: RetentionDays): string {
  return item.retention.replace(/\{([a-z_]+)\}/g, (whole, kind: string) => (kind in days ? String(days[kind as RetentionKind]) : whole));
}
