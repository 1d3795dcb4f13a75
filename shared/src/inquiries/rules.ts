import type { InquiryKindCode } from './kinds';
import { inquiryRefusal, type InquiryRating, type InquiryStatus } from './inquiry-flow';

/**
 * Rules about one inquiry that the server and the mini-program both apply: which ones are still
 * open, what a parent sees of the status, what a parent may do next, what a phone number looks like.
 */

/** Inquiries still waiting for their answer: counted as open, sorted by time left, reminded of. */
export const INQUIRY_OPEN_STATUSES: readonly InquiryStatus[] = ['held', 'submitted', 'accepted', 'reply_pending'];

export function isOpenInquiry(status: InquiryStatus): boolean {
  return INQUIRY_OPEN_STATUSES.includes(status);
}

/**
 * The status a parent sees: a held inquiry (waiting for the content review) is just 已提交 to
 * them, and a reply waiting for its review is not there yet (已受理).
 */
export function parentInquiryStatus(status: InquiryStatus): InquiryStatus {
  if (status === 'held') return 'submitted';
  if (status === 'reply_pending') return 'accepted';
  return status;
}

/** The statuses a parent can see (never held or reply_pending). */
export const PARENT_VISIBLE_INQUIRY_STATUSES: readonly InquiryStatus[] = ['submitted', 'accepted', 'replied', 'closed', 'rejected'];

/** What the parent's rate and reopen depend on. */
export interface ParentInquiryFacts {
  status: InquiryStatus;
  kind: InquiryKindCode;
  rating: InquiryRating | null;
  reopenCount: number;
}

/** Whether the parent may rate the answer now (the inquiry flow's `rate`). */
export function canRateInquiry(i: ParentInquiryFacts): boolean {
  return !inquiryRefusal(i.status, 'rate', i.kind, ['parent']);
}

/** Whether the parent may ask for it to be handled again (the flow's `reopen`: after 不满意, once). */
export function canReopenInquiry(i: ParentInquiryFacts): boolean {
  return !inquiryRefusal(i.status, 'reopen', i.kind, ['parent'], { rating: i.rating, reopenCount: i.reopenCount });
}

/** Mainland mobile (1[3-9] + 9 digits) or landline (0 + area code, optional dash, 7–8 digits, optional extension). */
export const PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

export const PHONE_MESSAGE = '请填写正确的手机号或固定电话（如 13812345678、0536-6212345）';

/** Whether `phone` (spaces taken out) is a number the bureau can call back. */
export function isPhoneNumber(phone: string): boolean {
  return PHONE_PATTERN.test(phone.replace(/\s/g, ''));
}
