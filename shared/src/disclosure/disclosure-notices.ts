import { inquiryReplyTemplate } from '../inquiries/notices';
import { fitTemplateData, type PushFieldType } from '../push/template-fields';

/**
 * The subscribe message an applicant gets at each step of their 依申请公开 request (the mini-program
 * asks them to accept the same template when they submit): a template whose name says 依申请 /
 * 信息公开 / 申请, else the one the inquiries' reply notices use.
 */
export function disclosureNoticeTemplate<T extends { id: string; name: string }>(templates: readonly T[]): T | null {
  return templates.find((t) => /依申请|信息公开|申请/.test(t.name)) ?? inquiryReplyTemplate(templates);
}

export interface DisclosureNoticeFacts {
  trackingNo: string;
  /** The step as the timeline names it (告知补正, 审批并送达答复书 …). */
  stepLabel: string;
  /** The request's status as the applicant sees it (待补正, 已答复 …). */
  statusLabel: string;
  at: Date;
  /** The bureau. */
  agency: string;
}

/**
 * Fills the template's fields by type, as the inquiries' notices do: the first `thing` the step,
 * a second what to do, `character_string` the tracking number, `time`/`date` when, `phrase` the
 * status, `name` the bureau; fitted to WeChat's value limits (no 47003).
 */
export function disclosureNoticeData(fields: Record<string, PushFieldType>, facts: DisclosureNoticeFacts): Record<string, { value: string }> {
  const values: Record<string, string | Date> = {};
  let things = 0;
  for (const [key, type] of Object.entries(fields)) {
    if (type === 'thing' || type === 'keyword') values[key] = things++ === 0 ? `政府信息公开申请：${facts.stepLabel}` : '请在小程序“我的申请”中查看';
    else if (type === 'time' || type === 'date') values[key] = facts.at;
    else if (type === 'phrase') values[key] = facts.statusLabel;
    else if (type === 'name') values[key] = facts.agency;
    else values[key] = facts.trackingNo;
  }
  return fitTemplateData(Object.entries(fields).map(([key, type]) => ({ key, type })), values, { channel: 'subscribe' }).data;
}
