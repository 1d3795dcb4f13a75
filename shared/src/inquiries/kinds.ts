/**
 * The four kinds of inquiry a parent can send, with their reply deadlines in working days
 * (the bureau's practice: 咨询 within 3 working days, 投诉 / 建议 / 反馈 within 5), counted from
 * the day after receipt on the official calendar (see calendar/working-days.ts).
 */
export const INQUIRY_KIND_CODES = ['consultation', 'complaint', 'suggestion', 'feedback'] as const;
export type InquiryKindCode = (typeof INQUIRY_KIND_CODES)[number];

export interface InquiryKind {
  code: InquiryKindCode;
  /** Chinese, as shown to parents and staff. */
  label: string;
  /** Leads the tracking number, e.g. ZX for 咨询. */
  trackingPrefix: string;
  /** Reply within this many working days. */
  replyWorkingDays: number;
}

export const INQUIRY_KINDS: readonly InquiryKind[] = [
  { code: 'consultation', label: '咨询', trackingPrefix: 'ZX', replyWorkingDays: 3 },
  { code: 'complaint', label: '投诉', trackingPrefix: 'TS', replyWorkingDays: 5 },
  { code: 'suggestion', label: '建议', trackingPrefix: 'JY', replyWorkingDays: 5 },
  { code: 'feedback', label: '反馈', trackingPrefix: 'FK', replyWorkingDays: 5 },
];

export function inquiryKind(code: InquiryKindCode): InquiryKind {
  const kind = INQUIRY_KINDS.find((k) => k.code === code);
  if (!kind) throw new RangeError(`unknown inquiry kind: ${code}`);
  return kind;
}
