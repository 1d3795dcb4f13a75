/**
 * The records the yearly report counts and nothing else keeps: hot-topic responses (舆情 / 热点回应),
 * press conferences and policy briefings, NPC suggestions and CPPCC proposals (人大建议 / 政协提案).
 * Kinds, labels and field caps, used by the server's DTOs and the staff pages alike.
 */

export const HOT_TOPIC_CHANNELS = ['website', 'wechat', 'weibo', 'tv', 'newspaper', 'press_conference', 'hotline', 'other'] as const;
export type HotTopicChannel = (typeof HOT_TOPIC_CHANNELS)[number];
export const HOT_TOPIC_CHANNEL_LABELS: Record<HotTopicChannel, string> = {
  website: '政府网站',
  wechat: '微信公众号',
  weibo: '政务微博',
  tv: '电视',
  newspaper: '报纸',
  press_conference: '新闻发布会',
  hotline: '政务服务热线',
  other: '其他',
};

export const BRIEFING_KINDS = ['press_conference', 'policy_briefing'] as const;
export type BriefingKind = (typeof BRIEFING_KINDS)[number];
export const BRIEFING_KIND_LABELS: Record<BriefingKind, string> = { press_conference: '新闻发布会', policy_briefing: '政策吹风会' };

export const PROPOSAL_KINDS = ['npc', 'cppcc'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
export const PROPOSAL_KIND_LABELS: Record<ProposalKind, string> = { npc: '人大代表建议', cppcc: '政协提案' };

/** Whether the bureau led the reply (主办) or helped (协办). */
export const PROPOSAL_ROLES = ['lead', 'co'] as const;
export type ProposalRole = (typeof PROPOSAL_ROLES)[number];
export const PROPOSAL_ROLE_LABELS: Record<ProposalRole, string> = { lead: '主办', co: '协办' };

/** The deputy's or member's verdict on the reply; none until they give it. */
export const PROPOSAL_SATISFACTION = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type ProposalSatisfaction = (typeof PROPOSAL_SATISFACTION)[number];
export const PROPOSAL_SATISFACTION_LABELS: Record<ProposalSatisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', unsatisfied: '不满意' };

export const REPORT_RECORD_LIMITS = {
  subjectMax: 200,
  speakersMax: 200,
  proposalNumberMax: 40,
  /** Who else handled it (the lead office, or the co-handlers), free text. */
  partnersMax: 200,
  urlMax: 500,
  noteMax: 500,
} as const;

/** A link a record points to: the bureau's own notice, or any http(s) page. */
export const RECORD_URL_PATTERN = /^https?:\/\/[^\s<>"]+$/;
