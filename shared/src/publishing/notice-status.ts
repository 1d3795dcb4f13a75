/**
 * Where a notice stands. The review chain between draft and published (and its state machine)
 * arrives with the review-chain issue; until then an admin may publish a draft directly.
 */
export const NOTICE_STATUSES = [
  'draft',
  'unit_review',
  'secrecy_review',
  'leader_approval',
  'approved',
  'scheduled',
  'published',
  'returned',
  'withdrawn',
] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: '草稿',
  unit_review: '科室审核中',
  secrecy_review: '保密审查中',
  leader_approval: '领导审批中',
  approved: '待发布',
  scheduled: '定时发布',
  published: '已发布',
  returned: '已退回',
  withdrawn: '已撤回',
};

/** Statuses in which the author may still change the content. */
export const EDITABLE_NOTICE_STATUSES: readonly NoticeStatus[] = ['draft', 'returned'];
