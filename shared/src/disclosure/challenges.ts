/** Administrative reconsiderations and lawsuits about the bureau's disclosure work, as table 四 of the yearly report counts them. */
export const CHALLENGE_KINDS = ['reconsideration', 'lawsuit_direct', 'lawsuit_after_reconsideration'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];
export const CHALLENGE_KIND_LABELS: Record<ChallengeKind, string> = {
  reconsideration: '行政复议',
  lawsuit_direct: '行政诉讼（未经复议直接起诉）',
  lawsuit_after_reconsideration: '行政诉讼（复议后起诉）',
};

export const CHALLENGE_RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;
export type ChallengeResult = (typeof CHALLENGE_RESULTS)[number];
export const CHALLENGE_RESULT_LABELS: Record<ChallengeResult, string> = { upheld: '结果维持', corrected: '结果纠正', other: '其他结果', pending: '尚未审结' };
