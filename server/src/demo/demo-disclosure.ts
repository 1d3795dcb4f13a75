import {
  DISCLOSURE_ACTION_LABELS,
  DISCLOSURE_CHANNEL_LABELS,
  PRIVACY_NOTICE,
  RECEIPT_RULE_LABELS,
  addCalendarDays,
  disclosureDeadline,
  feePaymentDeadline,
  feeQuote,
  formatFen,
  outcomeLabel,
  shanghaiDate,
  shanghaiEndOfDay,
  shanghaiYear,
  supplementDueDate,
  type ApplicantType,
  type DisclosureChannel,
  type DisclosureOutcome,
  type DisclosurePause,
  type DisclosureStatus,
  type OrganizationKind,
  type WorkingCalendar,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import type { CalendarService } from '../calendar/calendar.service';
import { DisclosureChallenge } from '../disclosure/entities/disclosure-challenge.entity';
import { DisclosureEvent } from '../disclosure/entities/disclosure-event.entity';
import { DisclosureFee } from '../disclosure/entities/disclosure-fee.entity';
import { DisclosureLetter } from '../disclosure/entities/disclosure-letter.entity';
import { DisclosureRequest } from '../disclosure/entities/disclosure-request.entity';
import { ParentAccount } from '../identity/entities/parent-account.entity';
import type { StaffAccount } from '../identity/entities/staff-account.entity';
import { installedHasher } from '../privacy/crypto/data-keys';
import { PrivacyConsent } from '../privacy/entities/privacy-consent.entity';
import { IndexSequence } from '../publishing/entities/index-sequence.entity';

/**
 * The lookup code (查询码) of every demo request, so the public lookup (申请编号 + 查询码) shows
 * the applicant's view of any of them; a real request's code is random and shown once.
 */
export const DEMO_DISCLOSURE_CODE = '88888888';

const HOUR_MS = 3600 * 1000;

interface DemoApplicant {
  type: ApplicantType;
  kind?: OrganizationKind;
  name: string;
  /** Person n's resident ID, or an organisation's credit code from 17 characters. */
  id: number | string;
  phone: string;
  address: string;
}

/** How a demo request ends (or where it stands now). */
type DemoEnd =
  | { kind: 'letter'; outcome: DisclosureOutcome; body: string; provision?: string; redactions?: { part: string; reason: string }[]; otherAgency?: string; after: number }
  | { kind: 'supplement_lapsed'; text: string }
  | { kind: 'fee_lapsed'; pages: number }
  | { kind: 'withdrawn'; reason: string; after: number }
  | { kind: 'open' }
  | { kind: 'letter_pending'; outcome: DisclosureOutcome; body: string; provision?: string; after: number }
  | { kind: 'submitted' };

interface DemoRequest {
  /** `prev`: the previous year, received on `day` (`MM-DD`, moved to the next working day); `cur`: this year, at `at` (0–1) of the part gone by. */
  year: 'prev' | 'cur';
  day?: string;
  at?: number;
  /** `cur` and still open: received this many working days before today (so the demo opens with requests in time, whatever the day). */
  workingDaysAgo?: number;
  channel: DisclosureChannel;
  applicant: DemoApplicant;
  description: string;
  purpose: string | null;
  end: DemoEnd;
  /** A previous-year request still open at its end: answered early this year. */
  carried?: boolean;
}

const PERSON = (name: string, n: number, phone: string): DemoApplicant => ({ type: 'natural_person', name, id: n, phone, address: `山东省潍坊市昌乐县宝城街道示例路${n}号` });
const ORG = (kind: OrganizationKind, name: string, code17: string, phone: string): DemoApplicant => ({ type: 'organization', kind, name, id: code17, phone, address: '山东省潍坊市昌乐县城关街道示例路88号' });

/**
 * Ten requests of the previous year (two still open at its end: carried into this one) and seven
 * of this year (two open, one awaiting the head's approval of its letter, one not yet confirmed
 * as received), every outcome group, online, by post and in person, people and organisations of
 * four kinds. Names and numbers are invented (ID numbers and credit codes valid by their check
 * characters only).
 */
const DEMO_REQUESTS: DemoRequest[] = [
  {
    year: 'prev',
    day: '03-10',
    channel: 'post',
    applicant: PERSON('王建国', 11, '13853600011'),
    description: '本县上一年度义务教育阶段学校教师招聘计划及录用名单公示文件',
    purpose: '了解招聘程序',
    end: { kind: 'letter', outcome: 'granted', body: '您申请获取的信息属于主动公开范围，现予以公开。', provision: '文件复印件随本答复书邮寄。', after: 12 },
  },
  {
    year: 'prev',
    day: '04-15',
    channel: 'online',
    applicant: ORG('commercial', '昌乐县启明教育科技有限公司', '91370725MA3C0000', '0536-6210001'),
    description: '本县中小学智慧校园建设项目的采购需求和验收报告',
    purpose: '参与后续项目投标',
    end: {
      kind: 'letter',
      outcome: 'partial',
      body: '您申请的采购需求予以公开；验收报告中涉及供应商商业秘密的部分不予公开。',
      redactions: [{ part: '验收报告中的设备报价明细', reason: '涉及第三方商业秘密，经征求意见第三方不同意公开' }],
      provision: '可公开部分以电子文档形式提供。',
      after: 15,
    },
  },
  {
    year: 'prev',
    day: '05-20',
    channel: 'in_person',
    applicant: PERSON('李秀英', 12, '13953600012'),
    description: '县教育局研究学区调整的会议记录和内部讨论稿',
    purpose: null,
    end: { kind: 'letter', outcome: 'refused_process_info', body: '您申请的会议记录和讨论稿属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿，不予公开。', after: 18 },
  },
  {
    year: 'prev',
    day: '06-16',
    channel: 'online',
    applicant: PERSON('赵明', 13, '13853600013'),
    description: '关于学校收费的文件',
    purpose: null,
    end: { kind: 'supplement_lapsed', text: '请写明所需文件的名称、文号或者便于查询的其他特征性描述，以及所涉学校和年份。' },
  },
  {
    year: 'prev',
    day: '07-08',
    channel: 'post',
    applicant: ORG('research', '潍坊学院教育科学学院', '12370700MB2850000', '0536-8780001'),
    description: '本县近五年农村学校撤并的专项审计报告',
    purpose: '课题研究',
    end: { kind: 'letter', outcome: 'unavailable_not_held', body: '经检索，本机关未制作、获取过您申请的专项审计报告。', otherAgency: '昌乐县审计局', after: 10 },
  },
  {
    year: 'prev',
    day: '09-15',
    channel: 'online',
    applicant: PERSON('孙丽', 14, '13853600014'),
    description: '本学期县城小学课后服务收费标准的批复文件',
    purpose: null,
    end: { kind: 'withdrawn', reason: '已在学校公示栏看到相关文件', after: 3 },
  },
  {
    year: 'prev',
    day: '10-20',
    channel: 'post',
    applicant: ORG('legal_service', '山东昌信律师事务所', '31370000MD0000000', '0536-6230001'),
    description: '近三年全县中小学校舍安全鉴定报告及整改记录（全部）',
    purpose: '代理案件',
    end: { kind: 'fee_lapsed', pages: 45 },
  },
  {
    year: 'prev',
    day: '11-12',
    channel: 'post',
    applicant: PERSON('周强', 15, '13853600015'),
    description: '本县义务教育学校招生划片范围的文件（与本年三月已答复的申请相同）',
    purpose: null,
    end: { kind: 'letter', outcome: 'not_processed_repeat', body: '您申请的内容与本机关已答复的申请内容相同，属于重复申请，本机关不再重复处理。', after: 8 },
  },
  {
    year: 'prev',
    day: '12-15',
    channel: 'online',
    applicant: ORG('public_welfare', '昌乐县关爱留守儿童协会', '51370725MJ0000000', '0536-6240001'),
    description: '本县留守儿童关爱服务专项资金的使用情况',
    purpose: '开展公益项目',
    end: { kind: 'letter', outcome: 'granted', body: '您申请获取的信息，现予以公开。', provision: '资金使用情况表以电子文档形式提供。', after: 14 },
    carried: true,
  },
  {
    year: 'prev',
    day: '12-22',
    channel: 'in_person',
    applicant: PERSON('吴敏', 16, '13853600016'),
    description: '全县各学校近十年历年学生体质健康测试数据汇总分析',
    purpose: null,
    end: { kind: 'letter', outcome: 'unavailable_needs_creation', body: '您申请的汇总分析需要对现有数据进行加工、分析后另行制作，本机关不予提供。', after: 10 },
    carried: true,
  },
  {
    year: 'cur',
    at: 0.1,
    channel: 'online',
    applicant: PERSON('郑华', 17, '13853600017'),
    description: '本年度春季学期县直学校教师交流轮岗名单',
    purpose: null,
    end: { kind: 'letter', outcome: 'granted', body: '您申请获取的信息，现予以公开。', provision: '名单以电子文档形式提供。', after: 9 },
  },
  {
    year: 'cur',
    at: 0.2,
    channel: 'post',
    applicant: ORG('other', '昌乐县宝城街道某村民委员会', '54370725MG0000000', '0536-6250001'),
    description: '村小学撤并时对个别教师的处分决定全文',
    purpose: null,
    end: { kind: 'letter', outcome: 'refused_third_party', body: '您申请的处分决定涉及第三方个人隐私，经书面征求第三方意见，第三方不同意公开，不予公开。', after: 16 },
  },
  {
    year: 'cur',
    at: 0.35,
    channel: 'in_person',
    applicant: PERSON('冯刚', 18, '13853600018'),
    description: '要求调查并处理某学校教师违规补课问题，并公开处理结果',
    purpose: null,
    end: { kind: 'letter', outcome: 'not_processed_petition', body: '您的申请实质是投诉举报，已告知您通过信访、投诉举报渠道提出，本机关不作为政府信息公开申请处理。', after: 5 },
  },
  {
    year: 'cur',
    at: 0.5,
    channel: 'post',
    applicant: ORG('commercial', '潍坊育才文具有限公司', '91370700MA3D0000', '0536-6260001'),
    description: '本年度全县中小学教辅材料征订目录',
    purpose: null,
    end: { kind: 'letter', outcome: 'granted', body: '您申请获取的信息属于主动公开范围，现予以公开。', provision: '目录复印件随本答复书邮寄。', after: 11 },
  },
  {
    year: 'cur',
    at: 0.85,
    workingDaysAgo: 5,
    channel: 'online',
    applicant: PERSON('陈静', 19, '13853600019'),
    description: '本县新建城区第三小学的学区划分论证材料',
    purpose: '了解孩子入学学区',
    end: { kind: 'open' },
  },
  {
    year: 'cur',
    at: 0.9,
    workingDaysAgo: 9,
    channel: 'in_person',
    applicant: ORG('research', '山东省教育科学研究院基础教育研究所', '12370000MB0000000', '0531-8600001'),
    description: '本县义务教育优质均衡发展督导评估自评报告',
    purpose: '课题研究',
    end: { kind: 'letter_pending', outcome: 'granted', body: '您申请获取的信息，现予以公开。', provision: '自评报告以电子文档形式提供。', after: 6 },
  },
  {
    year: 'cur',
    at: 1,
    channel: 'online',
    applicant: PERSON('褚晓', 20, '13853600020'),
    description: '本年度县城初中招生计划及各校计划数',
    purpose: null,
    end: { kind: 'submitted' },
  },
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A 居民身份证号码 valid by its check character (GB 11643): 370725 (昌乐县), born 1 January 1980, sequence n. */
function residentId(n: number): string {
  const body = `37072519800101${String(n).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * ID_WEIGHTS[i]!;
  return body + '10X98765432'[sum % 11];
}
/** A 统一社会信用代码 valid by its check character (GB 32100) from its first 17 characters (padded with 0). */
function creditCode(code: string): string {
  const body = code.padEnd(17, '0').slice(0, 17);
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(body[i]!) * weights[i]!;
  return body + alphabet[(31 - (sum % 31)) % 31];
}

/** `2026年10月30日`, as the steps write a date. */
const chinese = (date: string) => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

/**
 * The demo's 依申请公开 requests of the current and the previous year (entered by staff, by post
 * and in person, and online), at every outcome group and some still open, so the yearly report's
 * table 三 has figures and a carry-over; and one reconsideration (upheld) for table 四. The rows
 * are what the real steps leave (status, receipt date, clock, outcome, conclusion, timeline, the
 * fee notice, the pending letter); answered requests carry no letter file (letters are rendered
 * and stored when the head approves, which the seed's transaction cannot do). Answers how many
 * requests were seeded.
 */
export async function seedDemoDisclosure(m: EntityManager, ctx: { handler: StaffAccount; head: StaffAccount; calendar: CalendarService; now: number }): Promise<number> {
  const { handler, head } = ctx;
  const cal: WorkingCalendar = ctx.calendar.current();
  const nowDate = new Date(ctx.now);
  const today = shanghaiDate(nowDate);
  const year = shanghaiYear(nowDate);
  const hasher = installedHasher();
  const verificationHash = hasher.hash('disclosure_code', DEMO_DISCLOSURE_CODE);
  /** An instant on a Shanghai day at an office hour, never after now. */
  const at = (date: string, hour: number, minute = 0) => new Date(Math.min(Date.parse(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`), ctx.now));
  /** The first working day from `date` on, within [from, to]; else `date` itself (the first days of January may hold none). */
  const workday = (date: string, from: string, to: string) => {
    for (let d = date; d <= to; d = addCalendarDays(d, 1)) if (cal.isWorkingDay(d)) return d;
    for (let d = date; d >= from; d = addCalendarDays(d, -1)) if (cal.isWorkingDay(d)) return d;
    return date;
  };
  const yearStart = `${year}-01-01`;
  const daysGone = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${yearStart}T00:00:00Z`)) / (24 * HOUR_MS));
  /** The working day `n` working days before today, not before 1 January (then the year's first working day, or 1 January). */
  const workingDaysBack = (n: number) => {
    let d = today;
    for (let left = n; left > 0 && d > yearStart; ) {
      d = addCalendarDays(d, -1);
      if (cal.isWorkingDay(d)) left--;
    }
    return workday(d, yearStart, today);
  };
  const receiptDay = (r: DemoRequest) =>
    r.year === 'prev'
      ? workday(`${year - 1}-${r.day}`, `${year - 1}-01-01`, `${year - 1}-12-31`)
      : r.workingDaysAgo !== undefined
        ? workingDaysBack(r.workingDaysAgo)
        : workday(addCalendarDays(yearStart, Math.floor((r.at ?? 0) * daysGone)), yearStart, today);
  /** `n` working days after `date`, no later than today. */
  const after = (date: string, n: number) => {
    const d = cal.deadline(date, n).dueDate;
    return d > today ? today : d;
  };

  // The applicant who asks online, as the mini-program's intake requires: agreed to the privacy notice first.
  const parent = await m.insert(ParentAccount, { openid: null, unionid: null, displayName: '演示申请人（示例数据）', demo: true, lastLoginAt: nowDate });
  const parentId = Number(parent.identifiers[0]!.id);
  await m.insert(PrivacyConsent, { parentId, kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'weapp', subject: null, createdAt: at(`${year - 1}-01-02`, 9) });

  const sequences = new Map<string, number>();
  const nextNo = (scope: string) => {
    const n = (sequences.get(scope) ?? 0) + 1;
    sequences.set(scope, n);
    return n;
  };
  const plans = DEMO_REQUESTS.map((r) => ({ r, received: receiptDay(r) })).sort((a, b) => (a.received < b.received ? -1 : a.received > b.received ? 1 : 0));
  let refusedId: number | null = null;
  let refusedConcluded: string | null = null;

  for (const { r, received } of plans) {
    const a = r.applicant;
    const online = r.channel === 'online';
    const person = a.type === 'natural_person';
    const idNumber = person ? residentId(a.id as number) : null;
    const credit = person ? null : creditCode(a.id as string);
    // Online: submitted the evening before the handler confirms receipt (the receipt date); staff entries: entered the day received.
    const submittedAt = r.end.kind === 'submitted' ? new Date(Math.max(ctx.now - 2 * HOUR_MS, Date.parse(`${yearStart}T00:00:00+08:00`))) : online ? at(addCalendarDays(received, -1), 20, 30) : at(received, 10);
    const day = shanghaiDate(submittedAt).replace(/-/g, '');
    const trackingNo = `YS${day}${String(nextNo(`disclosure/YS/${day}`)).padStart(3, '0')}`;
    const isReceived = r.end.kind !== 'submitted';
    const receivedAt = online ? at(received, 9, 30) : submittedAt;

    type Ev = { action: string; label?: string; text: string | null; visible: boolean; actor: StaffAccount | 'applicant' | null; at: Date };
    const events: Ev[] = [];
    if (online) events.push({ action: 'submitted', label: '提交申请', text: null, visible: true, actor: 'applicant', at: submittedAt });
    else events.push({ action: 'entered', label: '登记申请', text: `${DISCLOSURE_CHANNEL_LABELS[r.channel]}，${RECEIPT_RULE_LABELS[r.channel]}：${chinese(received)}`, visible: true, actor: handler, at: submittedAt });

    // The answer deadline as the steps record it: counted from receipt (pauses as they stood).
    let pauses: DisclosurePause[] = [];
    const due = (asOf: string) => {
      const d = disclosureDeadline(cal, { receivedDate: received, extensionDays: 0, pauses }, asOf);
      return { dueDate: d.due?.dueDate ?? null, dueAt: d.due ? shanghaiEndOfDay(d.due.dueDate) : null, flagged: d.flagged };
    };
    if (online && isReceived) {
      const d = due(received).dueDate;
      events.push({ action: 'confirm_receipt', text: `${RECEIPT_RULE_LABELS.online}：${chinese(received)}${d ? `；答复期限至 ${chinese(d)}` : ''}`, visible: true, actor: handler, at: receivedAt });
    }

    let status: DisclosureStatus = isReceived ? 'processing' : 'submitted';
    let outcome: DisclosureOutcome | null = null;
    let concludedAt: Date | null = null;
    let deadline: { dueDate: string | null; dueAt: Date | null; flagged: boolean } = isReceived ? due(received) : { dueDate: null, dueAt: null, flagged: false };
    const supplement = { supplementRequestText: null as string | null, supplementRequestedAt: null as Date | null, supplementDueDate: null as string | null };
    let fee: Omit<DisclosureFee, 'id' | 'requestId'> | null = null;
    let letter: { outcome: DisclosureOutcome; body: string; provision?: string; redactions?: { part: string; reason: string }[]; otherAgency?: string; draftedAt: Date } | null = null;
    const end = r.end;
    switch (end.kind) {
      case 'letter':
      case 'letter_pending': {
        // A carried request is answered early this year; the others `after` working days after receipt.
        const answered = r.carried ? workday(addCalendarDays(yearStart, Math.min(6, daysGone)), yearStart, today) : after(received, end.after);
        const draftedAt = at(answered, 9);
        letter = { ...end, draftedAt };
        events.push({ action: 'draft_letter', text: outcomeLabel(end.outcome), visible: false, actor: handler, at: draftedAt });
        if (end.kind === 'letter_pending') {
          status = 'letter_pending';
          break;
        }
        const approvedAt = at(answered, 15);
        events.push({ action: 'approve_letter', text: null, visible: false, actor: head, at: approvedAt });
        events.push({ action: 'letter_sent', label: '答复书已送达', text: null, visible: true, actor: head, at: approvedAt });
        status = 'answered';
        outcome = end.outcome;
        concludedAt = approvedAt;
        deadline = due(shanghaiDate(approvedAt));
        if (end.outcome === 'refused_process_info') {
          refusedConcluded = shanghaiDate(approvedAt);
        }
        break;
      }
      case 'supplement_lapsed': {
        const askedOn = after(received, 2);
        const supplyBy = supplementDueDate(cal, askedOn, 15).dueDate;
        supplement.supplementRequestText = end.text;
        supplement.supplementRequestedAt = at(askedOn, 10);
        supplement.supplementDueDate = supplyBy;
        events.push({ action: 'request_supplement', text: `${end.text}\n请于 ${chinese(supplyBy)} 前补正；无正当理由逾期不补正的，视为放弃申请。`, visible: true, actor: handler, at: supplement.supplementRequestedAt });
        const lapsedAt = at(addCalendarDays(supplyBy, 1), 0, 30);
        events.push({ action: 'supplement_lapsed', text: `未在 ${chinese(supplyBy)} 前补正，视为放弃申请（其他处理：逾期不补正）`, visible: true, actor: null, at: lapsedAt });
        status = 'closed';
        outcome = 'other_no_supplement';
        concludedAt = lapsedAt;
        deadline = { dueDate: null, dueAt: null, flagged: false };
        break;
      }
      case 'fee_lapsed': {
        const issuedDate = after(received, 2);
        const payDueDate = feePaymentDeadline(cal, issuedDate).dueDate;
        const quote = feeQuote('volume', end.pages, 0);
        const issuedAt = at(issuedDate, 11);
        const lapsedAt = at(addCalendarDays(payDueDate, 1), 0, 30);
        fee = { method: 'volume', count: end.pages, priorPieces: 0, amountFen: quote.amountFen, bands: quote.bands, status: 'lapsed', issuedDate, payDueDate, issuedById: handler.id, paymentOrderId: null, paidAt: null, refundedFen: 0, version: 2, createdAt: issuedAt, updatedAt: lapsedAt };
        events.push({ action: 'charge_fee', text: `应缴信息处理费 ${formatFen(quote.amountFen)}（按量计收），请于 ${chinese(payDueDate)}前在小程序中缴纳；逾期未缴纳的视为放弃申请`, visible: true, actor: handler, at: issuedAt });
        events.push({ action: 'fee_lapsed', text: `未在 ${chinese(payDueDate)}前缴纳信息处理费，视为放弃申请，本机关不再处理该申请`, visible: true, actor: null, at: lapsedAt });
        pauses = [{ kind: 'fee', from: issuedDate, to: payDueDate }];
        status = 'closed';
        outcome = 'other_unpaid';
        concludedAt = lapsedAt;
        // Paused from the notice on: no due date was recorded while it was outstanding.
        deadline = { dueDate: null, dueAt: null, flagged: false };
        break;
      }
      case 'withdrawn': {
        const withdrawnAt = at(after(received, end.after), 16);
        events.push({ action: 'withdraw', text: `申请人撤回：${end.reason}`, visible: true, actor: 'applicant', at: withdrawnAt });
        status = 'closed';
        outcome = 'other_other';
        concludedAt = withdrawnAt;
        deadline = due(shanghaiDate(withdrawnAt));
        break;
      }
      case 'open':
      case 'submitted':
        break;
    }
    if (status === 'processing' || status === 'letter_pending') deadline = due(today);

    const inserted = await m.insert(DisclosureRequest, {
      trackingNo,
      verificationHash,
      parentId: online ? parentId : null,
      channel: r.channel,
      enteredById: online ? null : handler.id,
      applicantType: a.type,
      organizationKind: person ? null : a.kind!,
      applicantName: a.name,
      idType: person ? 'resident_id' : null,
      idNumber,
      creditCode: credit,
      applicantHash: idNumber ? hasher.hash('id_number', idNumber) : hasher.hash('credit_code', credit!),
      legalRepresentative: person ? null : '张示例',
      contactName: person ? null : '刘联系',
      phone: a.phone,
      email: null,
      address: a.address,
      postcode: '262400',
      description: r.description,
      purpose: r.purpose,
      provisionForm: online ? 'electronic' : 'paper',
      delivery: online ? 'online' : r.channel === 'in_person' ? 'pickup' : 'post',
      pieces: 1,
      status,
      version: events.length,
      handlerId: isReceived ? handler.id : null,
      submittedAt,
      receivedDate: isReceived ? received : null,
      clockFrom: isReceived ? received : null,
      ...supplement,
      suppliedAt: null,
      suppliedText: null,
      extensionDays: 0,
      extensionPendingDays: null,
      extensionReason: null,
      extensionRequestedById: null,
      extensionRequestedAt: null,
      extensionApprovedById: null,
      extensionApprovedAt: null,
      pauses,
      dueDate: deadline.dueDate,
      dueAt: deadline.dueAt,
      flagged: deadline.flagged,
      lastWarning: null,
      outcome,
      concludedAt,
      parentCancelledAt: null,
      createdAt: submittedAt,
      updatedAt: events[events.length - 1]!.at,
    });
    const requestId = Number(inserted.identifiers[0]!.id);
    for (const e of events) {
      await m.insert(DisclosureEvent, {
        requestId,
        action: e.action,
        label: e.label ?? DISCLOSURE_ACTION_LABELS[e.action as keyof typeof DISCLOSURE_ACTION_LABELS] ?? e.action,
        text: e.text,
        applicantVisible: e.visible,
        actorId: e.actor && e.actor !== 'applicant' ? e.actor.id : null,
        actorName: e.actor === 'applicant' ? '申请人' : (e.actor?.displayName ?? null),
        // The demo applicant has no WeChat account: nothing to send, as the notice task would find.
        noticeState: e.visible && online && e.action !== 'submitted' ? 'skipped' : null,
        createdAt: e.at,
      });
    }
    if (fee) await m.insert(DisclosureFee, { ...fee, requestId });
    // Only the draft waiting for the head is a letter row: approved letters are rendered and stored files.
    if (letter && status === 'letter_pending') {
      const content = { body: letter.body, ...(letter.provision ? { provision: letter.provision } : {}) };
      await m.insert(DisclosureLetter, { requestId, outcome: letter.outcome, content, status: 'draft', year: null, seq: null, draftedById: handler.id, approvedById: null, approvedAt: null, pdfFileId: null, htmlFileId: null, createdAt: letter.draftedAt, updatedAt: letter.draftedAt });
    }
    if (outcome === 'refused_process_info') refusedId = requestId;
  }
  for (const [scope, last] of sequences) await m.insert(IndexSequence, { scope, last });

  // The applicant of the refused request asked for reconsideration within 60 days; the county government upheld the decision.
  if (refusedId !== null && refusedConcluded !== null) {
    const filedDate = addCalendarDays(refusedConcluded, 20);
    const decidedDate = addCalendarDays(filedDate, 45);
    const createdAt = at(filedDate, 14);
    await m.insert(DisclosureChallenge, {
      kind: 'reconsideration',
      requestId: refusedId,
      noticeId: null,
      caseNo: `昌政复决字〔${filedDate.slice(0, 4)}〕12号`,
      body: '昌乐县人民政府',
      filedDate,
      decidedDate,
      result: 'upheld',
      note: '复议机关维持不予公开的答复（示例数据）',
      createdById: handler.id,
      updatedById: handler.id,
      version: 2,
      createdAt,
      updatedAt: at(decidedDate, 14),
    });
  }
  return DEMO_REQUESTS.length;
}
