/**
 * Consents a parent gives and withdraws, each stored with its time, version and channel
 * (PIPL articles 14, 15 and 31). The privacy notice's consent is versioned: a new version asks
 * again, and the server refuses to collect new personal data until it is given.
 */
export const CONSENT_KINDS = ['privacy_notice', 'subscribe_messages', 'public_qa', 'child_information'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** Where a consent was given: the mini-program, the H5 app, or another API client. The app says which in `X-Client-Channel`. */
export const CONSENT_CHANNELS = ['weapp', 'h5', 'api'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export interface ConsentKindInfo {
  label: string;
  /** What giving it allows. */
  gives: string;
  /** What withdrawing it does, said before the parent confirms. */
  withdrawal: string;
}

export const CONSENT_KIND_INFO: Record<ConsentKind, ConsentKindInfo> = {
  privacy_notice: {
    label: '个人信息保护政策',
    gives: '按政策处理您的个人信息，使用咨询投诉、政府信息公开申请、上传照片等需要个人信息的功能',
    withdrawal: '撤回后不能再提交咨询投诉、政府信息公开申请，不能上传照片；已提交的事项继续办理。如需删除全部信息，请注销账号。',
  },
  subscribe_messages: {
    label: '接收订阅消息',
    gives: '按您的订阅向您发送栏目通知和办理进度提醒',
    withdrawal: '撤回后将删除您的全部订阅，不再向您发送订阅消息。',
  },
  public_qa: {
    label: '同意公开问答',
    gives: '您的事项办结后，可去除个人信息后作为公开问答供其他家长参考',
    withdrawal: '撤回后您的事项不再公开，已公开的问答即撤下。',
  },
  child_information: {
    label: '儿童个人信息单独同意',
    gives: '作为监护人，同意处理您在事项中提供的未满十四周岁子女的信息',
    withdrawal: '撤回后，今后提交涉及子女信息的事项需要重新同意；已办结事项中涉及子女的内容和照片将被删除。',
  },
};

/** The current privacy notice. Change `version` whenever the notice's text changes (a test pins it). */
export const PRIVACY_NOTICE = {
  version: '2026-12-06.3',
  effectiveDate: '2026-12-06',
  title: '教育公开个人信息保护政策',
} as const;

/** Staff answer a rights request (查阅、复制、更正、删除…) within this many working days (PIPL art. 50 and the bureau's rule). */
export const RIGHTS_REQUEST_WORKING_DAYS = 15;

export const RIGHTS_REQUEST_KINDS = ['access', 'correction', 'deletion', 'restriction', 'explanation', 'other'] as const;
export type RightsRequestKind = (typeof RIGHTS_REQUEST_KINDS)[number];

export const RIGHTS_REQUEST_KIND_LABELS: Record<RightsRequestKind, string> = {
  access: '查阅、复制',
  correction: '更正、补充',
  deletion: '删除',
  restriction: '限制或拒绝处理',
  explanation: '解释说明处理规则',
  other: '其他',
};

export const RIGHTS_REQUEST_STATUSES = ['pending', 'done', 'refused'] as const;
export type RightsRequestStatus = (typeof RIGHTS_REQUEST_STATUSES)[number];

export const RIGHTS_REQUEST_STATUS_LABELS: Record<RightsRequestStatus, string> = {
  pending: '办理中',
  done: '已办结',
  refused: '不予办理',
};

/** Limits of a rights request's text (characters). */
export const RIGHTS_REQUEST_LIMITS = { content: 1000, reply: 1000 } as const;

/** Why personal data was erased: the retention job, an account's cancellation, a withdrawn consent. */
export const ERASURE_REASONS = ['retention', 'cancellation', 'consent_withdrawn'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];
