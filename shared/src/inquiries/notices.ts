import { fitTemplateData, type PushFieldType } from '../push/template-fields';

/**
 * Which configured message template carries which inquiry notice, and what goes in its fields.
 * The same rule on both sides: the mini-program asks the parent to accept the template the server
 * will later send the reply notice with.
 */
interface NamedTemplate {
  id: string;
  name: string;
}

/** The subscribe template for 答复 notices to parents: one whose name says so, else the first. */
export function inquiryReplyTemplate<T extends NamedTemplate>(templates: readonly T[]): T | null {
  return templates.find((t) => /答复|回复|办理|处理|结果/.test(t.name)) ?? templates[0] ?? null;
}

/** The official-account template for deadline reminders to staff: one whose name says so, else the first. */
export function inquiryReminderTemplate<T extends NamedTemplate>(templates: readonly T[]): T | null {
  return templates.find((t) => /提醒|到期|超期|待办|督办/.test(t.name)) ?? templates[0] ?? null;
}

export type InquiryNoticeKind = 'reply' | 'due_soon' | 'overdue';

export interface InquiryNoticeFacts {
  kind: InquiryNoticeKind;
  /** 咨询 / 投诉 / 建议 / 反馈. */
  kindLabel: string;
  trackingNo: string;
  subject: string;
  /** When it was answered (reply) or is due (reminders). */
  at: Date;
  unitName: string;
}

const STATE: Record<InquiryNoticeKind, string> = { reply: '已答复', due_soon: '即将到期', overdue: '已超期' };

/**
 * Fills a template's fields from what a notice is about, by field type (the templates are the
 * bureau's own choice in WeChat's library): the first `thing` the subject, a second the unit, a
 * `character_string` the tracking number, `time`/`date` the time, `phrase` the state; values are
 * fitted to WeChat's limits, so a send never fails with 47003.
 */
export function inquiryNoticeData(fields: Record<string, PushFieldType>, facts: InquiryNoticeFacts, channel: 'subscribe' | 'template'): Record<string, { value: string }> {
  const values: Record<string, string | Date> = {};
  let things = 0;
  for (const [key, type] of Object.entries(fields)) {
    if (type === 'thing' || type === 'keyword') values[key] = things++ === 0 ? `${facts.kindLabel}：${facts.subject}` : facts.kind === 'reply' ? `${facts.unitName}已答复，请查看` : `${facts.kindLabel}${STATE[facts.kind]}，请尽快办理`;
    else if (type === 'character_string' || type === 'letter') values[key] = facts.trackingNo;
    else if (type === 'time' || type === 'date') values[key] = facts.at;
    else if (type === 'phrase') values[key] = STATE[facts.kind];
    else if (type === 'name') values[key] = facts.unitName;
    else values[key] = facts.trackingNo;
  }
  return fitTemplateData(Object.entries(fields).map(([key, type]) => ({ key, type })), values, { channel }).data;
}
