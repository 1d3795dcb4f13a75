import { PERMISSIONS } from '../identity/permissions';
import type { StaffRole } from '../identity/roles';

/**
 * A 依申请公开 request's life as a pure state machine:
 *
 *   submitted ─confirm_receipt→ processing                 (online: the handler confirms; the receipt date is that day)
 *   (staff entry: in person / post / fax)  → processing     (receipt date as the channel's rule gives it)
 *   processing ─request_supplement→ supplement_requested   (once, within 7 working days of receipt; the clock stops)
 *   supplement_requested ─supply→ processing               (the clock restarts on the day the supplement arrives)
 *   supplement_requested ─supplement_lapsed→ closed        (none by its deadline: 其他处理 / 逾期不补正)
 *   processing ─start_consultation→ consulting ─end_consultation→ processing (third party: that time does not count)
 *   processing ─charge_fee→ fee_pending ─fee_paid→ processing
 *   fee_pending ─cancel_fee→ processing                    (a notice issued wrongly, before payment)
 *   fee_pending ─fee_lapsed→ closed                        (unpaid 20 working days after receipt: 其他处理 / 逾期未缴费)
 *   processing ─draft_letter→ letter_pending ─approve_letter→ answered   (the office head, never the letter's author)
 *   letter_pending ─return_letter→ processing
 *   processing ─request_extension / approve_extension / refuse_extension→ processing (up to 20 more working days; approved by the office head, never by who asked)
 *   submitted | supplement_requested | processing | consulting | fee_pending ─withdraw→ closed (the applicant withdraws: 其他处理 / 其他)
 *
 * Who may act is data (DISCLOSURE_TRANSITIONS): staff roles from PERMISSIONS ('disclosure.handle',
 * 'disclosure.approve'), the applicant, or `system` (the deadline task and the payment). Four eyes
 * (disclosureRefusal): a letter or an extension is never approved by the one who drafted or asked.
 */
export const DISCLOSURE_STATUSES = ['submitted', 'processing', 'supplement_requested', 'consulting', 'fee_pending', 'letter_pending', 'answered', 'closed'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];

export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, string> = {
  submitted: '待确认收到',
  processing: '办理中',
  supplement_requested: '待补正',
  consulting: '征求第三方意见',
  fee_pending: '待缴费',
  letter_pending: '答复待审批',
  answered: '已答复',
  closed: '已终止',
};

/** What an applicant sees: a letter waiting for approval is still 办理中 to them. */
export const DISCLOSURE_APPLICANT_STATUS_LABELS: Record<DisclosureStatus, string> = {
  ...DISCLOSURE_STATUS_LABELS,
  submitted: '已提交',
  letter_pending: '办理中',
};

/** Statuses whose answer deadline is running or paused (not finished). */
export const DISCLOSURE_OPEN_STATUSES = ['submitted', 'processing', 'supplement_requested', 'consulting', 'fee_pending', 'letter_pending'] as const satisfies readonly DisclosureStatus[];

export const DISCLOSURE_ACTIONS = [
  'confirm_receipt',
  'request_supplement',
  'supply',
  'supplement_lapsed',
  'start_consultation',
  'end_consultation',
  'charge_fee',
  'fee_paid',
  'cancel_fee',
  'fee_lapsed',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'draft_letter',
  'approve_letter',
  'return_letter',
  'withdraw',
] as const;
export type DisclosureAction = (typeof DISCLOSURE_ACTIONS)[number];

export const DISCLOSURE_ACTION_LABELS: Record<DisclosureAction, string> = {
  confirm_receipt: '确认收到申请',
  request_supplement: '告知补正',
  supply: '提交补正材料',
  supplement_lapsed: '逾期未补正',
  start_consultation: '征求第三方意见',
  end_consultation: '第三方意见征求完毕',
  charge_fee: '发出收费通知',
  fee_paid: '已缴纳信息处理费',
  cancel_fee: '撤销收费通知',
  fee_lapsed: '逾期未缴费',
  request_extension: '申请延期答复',
  approve_extension: '批准延期答复',
  refuse_extension: '不同意延期',
  draft_letter: '拟写答复书',
  approve_letter: '审批并送达答复书',
  return_letter: '退回答复书',
  withdraw: '撤回申请',
};

/** Who acts: a staff role, the applicant, or the server itself (the deadline task, a payment). */
export type DisclosureActor = StaffRole | 'applicant' | 'system';

export interface DisclosureTransition {
  from: DisclosureStatus;
  action: DisclosureAction;
  to: DisclosureStatus;
  actors: readonly DisclosureActor[];
  /** Needs a written text (what to supply, a reason, the letter). */
  needsText?: boolean;
}

const HANDLERS: readonly DisclosureActor[] = PERMISSIONS['disclosure.handle'];
const HEADS: readonly DisclosureActor[] = PERMISSIONS['disclosure.approve'];
/** A supplement that arrives on paper is entered by staff; online, by the applicant. */
const SUPPLIERS: readonly DisclosureActor[] = ['applicant', ...HANDLERS];
const WITHDRAWABLE: readonly DisclosureStatus[] = ['submitted', 'supplement_requested', 'processing', 'consulting', 'fee_pending'];

export const DISCLOSURE_TRANSITIONS: readonly DisclosureTransition[] = [
  { from: 'submitted', action: 'confirm_receipt', to: 'processing', actors: HANDLERS },
  { from: 'processing', action: 'request_supplement', to: 'supplement_requested', actors: HANDLERS, needsText: true },
  { from: 'supplement_requested', action: 'supply', to: 'processing', actors: SUPPLIERS, needsText: true },
  { from: 'supplement_requested', action: 'supplement_lapsed', to: 'closed', actors: ['system'] },
  { from: 'processing', action: 'start_consultation', to: 'consulting', actors: HANDLERS, needsText: true },
  { from: 'consulting', action: 'end_consultation', to: 'processing', actors: HANDLERS, needsText: true },
  { from: 'processing', action: 'charge_fee', to: 'fee_pending', actors: HANDLERS },
  { from: 'fee_pending', action: 'fee_paid', to: 'processing', actors: ['system'] },
  { from: 'fee_pending', action: 'cancel_fee', to: 'processing', actors: HANDLERS, needsText: true },
  { from: 'fee_pending', action: 'fee_lapsed', to: 'closed', actors: ['system'] },
  { from: 'processing', action: 'request_extension', to: 'processing', actors: HANDLERS, needsText: true },
  { from: 'processing', action: 'approve_extension', to: 'processing', actors: HEADS },
  { from: 'processing', action: 'refuse_extension', to: 'processing', actors: HEADS, needsText: true },
  { from: 'processing', action: 'draft_letter', to: 'letter_pending', actors: HANDLERS },
  { from: 'letter_pending', action: 'approve_letter', to: 'answered', actors: HEADS },
  { from: 'letter_pending', action: 'return_letter', to: 'processing', actors: HEADS, needsText: true },
  ...WITHDRAWABLE.map((from) => ({ from, action: 'withdraw' as const, to: 'closed' as const, actors: ['applicant'] as const })),
];

export function disclosureTransition(status: DisclosureStatus, action: DisclosureAction): DisclosureTransition | null {
  return DISCLOSURE_TRANSITIONS.find((t) => t.from === status && t.action === action) ?? null;
}

/** What a step depends on besides the status and the actor's roles. */
export interface DisclosureContext {
  actorId: number | null;
  /** Who drafted the pending letter (approve_letter / return_letter). */
  letterAuthorId?: number | null;
  /** Who asked for the pending extension, and whether one is pending (the extension actions). */
  extensionRequestedById?: number | null;
  extensionPending?: boolean;
  /** Extension days already granted (at most DISCLOSURE_MAX_EXTENSION_DAYS in all). */
  extensionDays?: number;
  /** The days a request_extension asks for, when known: granted plus asked may not pass the cap. */
  requestedExtensionDays?: number;
  /** Whether a 补正 was already asked for (only once). */
  supplementAsked?: boolean;
}

export type DisclosureRefusalCode = 'DISCLOSURE_NOT_ALLOWED' | 'FORBIDDEN' | 'FOUR_EYES';

/** The Regulation's numbers. */
export const DISCLOSURE_ANSWER_WORKING_DAYS = 20;
export const DISCLOSURE_MAX_EXTENSION_DAYS = 20;
export const DISCLOSURE_SUPPLEMENT_NOTICE_WORKING_DAYS = 7;
export const DISCLOSURE_CONSULTATION_WORKING_DAYS = 15;

/** Why `actors` may not take `action` now (code and Chinese message); null when they may. */
export function disclosureRefusal(
  status: DisclosureStatus,
  action: DisclosureAction,
  actors: readonly DisclosureActor[],
  context: DisclosureContext = { actorId: null },
): { code: DisclosureRefusalCode; message: string } | null {
  const label = DISCLOSURE_ACTION_LABELS[action];
  const transition = disclosureTransition(status, action);
  if (!transition) return { code: 'DISCLOSURE_NOT_ALLOWED', message: `该申请当前为“${DISCLOSURE_STATUS_LABELS[status]}”，不能${label}` };
  if (!transition.actors.some((a) => actors.includes(a))) return { code: 'FORBIDDEN', message: `您不能执行“${label}”` };
  switch (action) {
    case 'request_supplement':
      if (context.supplementAsked) return { code: 'DISCLOSURE_NOT_ALLOWED', message: '补正只能告知一次' };
      return null;
    case 'request_extension':
      if (context.extensionPending) return { code: 'DISCLOSURE_NOT_ALLOWED', message: '已有待批准的延期申请' };
      if ((context.extensionDays ?? 0) >= DISCLOSURE_MAX_EXTENSION_DAYS) return { code: 'DISCLOSURE_NOT_ALLOWED', message: `延期答复最长不超过 ${DISCLOSURE_MAX_EXTENSION_DAYS} 个工作日，已用完` };
      if (context.requestedExtensionDays !== undefined) {
        const left = DISCLOSURE_MAX_EXTENSION_DAYS - (context.extensionDays ?? 0);
        const asked = context.requestedExtensionDays;
        if (!Number.isInteger(asked) || asked < 1 || asked > left) return { code: 'DISCLOSURE_NOT_ALLOWED', message: `延期天数须为 1 至 ${left} 个工作日（延期答复最长不超过 ${DISCLOSURE_MAX_EXTENSION_DAYS} 个工作日）` };
      }
      return null;
    case 'approve_extension':
    case 'refuse_extension':
      if (!context.extensionPending) return { code: 'DISCLOSURE_NOT_ALLOWED', message: '没有待批准的延期申请' };
      if (context.extensionRequestedById != null && context.extensionRequestedById === context.actorId) return { code: 'FOUR_EYES', message: '延期须由申请延期的人以外的负责人批准' };
      return null;
    case 'approve_letter':
    case 'return_letter':
      if (context.letterAuthorId != null && context.letterAuthorId === context.actorId) return { code: 'FOUR_EYES', message: '答复书须由拟写人以外的负责人审批' };
      return null;
    default:
      return null;
  }
}

/** The actions `actors` may take now (for the pages' buttons; the server checks again). System actions are never offered. */
export function disclosureActionsFor(status: DisclosureStatus, actors: readonly DisclosureActor[], context?: DisclosureContext): DisclosureAction[] {
  return DISCLOSURE_TRANSITIONS.filter((t) => t.from === status && !t.actors.includes('system') && !disclosureRefusal(status, t.action, actors, context)).map((t) => t.action);
}
