import { INQUIRY_ACTION_LABELS, INQUIRY_RATING_LABELS, PRIVACY_NOTICE, REPLY_REVIEWER_LABELS, inquiryKind, replyReviewerFor, shanghaiDate, trackingNumber, type InquiryKindCode, type InquiryRating, type InquiryStatus } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import type { CalendarService } from '../calendar/calendar.service';
import { IndexSequence } from '../publishing/entities/index-sequence.entity';
import type { Unit } from '../identity/entities/unit.entity';
import { ParentAccount } from '../identity/entities/parent-account.entity';
import type { StaffAccount } from '../identity/entities/staff-account.entity';
import { InquiryEvent } from '../inquiries/entities/inquiry-event.entity';
import { InquiryQa } from '../inquiries/entities/inquiry-qa.entity';
import { Inquiry } from '../inquiries/entities/inquiry.entity';
import { installedHasher } from '../privacy/crypto/data-keys';
import { PrivacyConsent } from '../privacy/entities/privacy-consent.entity';

const HOUR_MS = 3600 * 1000;

interface DemoInquiry {
  kind: InquiryKindCode;
  subject: string;
  content: string;
  phone: string | null;
  allowPublish: boolean;
  status: InquiryStatus;
  hoursAgo: number;
  reply?: string;
  rating?: InquiryRating;
  /** Published as Q&A with this wording (names and numbers removed). */
  qa?: { question: string; answer: string };
}

const DEMO_INQUIRIES: DemoInquiry[] = [
  {
    kind: 'consultation',
    subject: '随迁子女小学入学需要准备哪些材料',
    content: '我们一家在昌乐务工三年，孩子明年上小学一年级，想了解进城务工人员随迁子女入学需要提供哪些证明材料，在哪里报名？',
    phone: '13853612345',
    allowPublish: true,
    status: 'closed',
    hoursAgo: 24 * 9,
    reply: '您好！随迁子女入学需提供：居住证（或居住登记凭证）、监护人务工或经商证明、户口簿和儿童预防接种证。每年7月上旬在居住地所属学区学校报名，具体时间以当年招生公告为准。',
    rating: 'satisfied',
    qa: {
      question: '进城务工人员随迁子女上小学一年级需要准备哪些材料？在哪里报名？',
      answer: '需提供居住证（或居住登记凭证）、监护人务工或经商证明、户口簿和儿童预防接种证。每年7月上旬在居住地所属学区学校报名，具体时间以当年招生公告为准。',
    },
  },
  {
    kind: 'suggestion',
    subject: '建议学校放学时段增加交通疏导',
    content: '实验小学门口放学时车辆拥堵严重，建议在放学时段安排交通疏导，并开放临时停车区域。',
    phone: null,
    allowPublish: true,
    status: 'replied',
    hoursAgo: 24 * 6,
    reply: '感谢您的建议。我局已协调交警部门在放学时段安排警力疏导，并与学校商定开放操场东侧临时接送区，自下周一起实行。',
    qa: {
      question: '学校放学时段门口车辆拥堵，能否安排交通疏导？',
      answer: '教育局已协调交警部门在放学时段安排警力疏导，并与学校商定开放临时接送区。',
    },
  },
  {
    kind: 'complaint',
    subject: '反映某校违规收取资料费',
    content: '孩子所在班级要求每人缴纳120元资料费，没有收据，请核查是否符合规定。',
    phone: '0536-6212345',
    allowPublish: false,
    status: 'reply_pending',
    hoursAgo: 24 * 3,
    reply: '经核查，该班级收取资料费未经批准，已责令学校全额退还，并对相关责任人进行批评教育。',
  },
  {
    kind: 'complaint',
    subject: '校车接送时间不固定',
    content: '最近两周校车到站时间经常推迟二十多分钟，孩子在路边等候存在安全隐患。',
    phone: '13905361234',
    allowPublish: false,
    status: 'accepted',
    hoursAgo: 24 * 8,
  },
  {
    kind: 'consultation',
    subject: '中考体育考试项目有哪些',
    content: '请问2027年中考体育考试的项目和分值是否有调整？',
    phone: null,
    allowPublish: true,
    status: 'submitted',
    hoursAgo: 5,
  },
  {
    kind: 'feedback',
    subject: '学校食堂饭菜质量反馈',
    content: '孩子反映食堂午餐经常偏凉，希望学校加强保温措施。',
    phone: null,
    allowPublish: false,
    status: 'held',
    hoursAgo: 2,
  },
];

/**
 * A few inquiries in different states for the embedded demo, asked by one demo parent (nobody
 * signs in as it), handled in the intake unit, and two of them published as Q&A.
 */
/** The intake unit (the bureau) has no unit head among the demo accounts: its complaint replies go to the leader. */
const REVIEWER = replyReviewerFor(0);

export async function seedDemoInquiries(m: EntityManager, input: { intake: Unit; handler: StaffAccount; head: StaffAccount; calendar: CalendarService; now: number }): Promise<number> {
  const { intake, handler, head, calendar, now } = input;
  const parent = await m.insert(ParentAccount, { openid: null, unionid: null, displayName: '演示家长（示例数据）', demo: true, lastLoginAt: new Date(now) });
  const parentId = Number(parent.identifiers[0]!.id);
  const sequences = new Map<string, number>();
  const oldestFirst = [...DEMO_INQUIRIES].sort((a, b) => b.hoursAgo - a.hoursAgo);
  // As intake requires: the parent agreed to the privacy notice before asking anything.
  const agreedAt = new Date(now - oldestFirst[0]!.hoursAgo * HOUR_MS - HOUR_MS);
  await m.insert(PrivacyConsent, { parentId, kind: 'privacy_notice', granted: true, version: PRIVACY_NOTICE.version, channel: 'weapp', subject: null, createdAt: agreedAt });
  // Oldest first, so tracking numbers follow the time of receipt.
  for (const demo of oldestFirst) {
    const kind = inquiryKind(demo.kind);
    const receivedAt = new Date(now - demo.hoursAgo * HOUR_MS);
    const day = shanghaiDate(receivedAt);
    const scope = `inquiry/${kind.trackingPrefix}/${day.replace(/-/g, '')}`;
    const seq = (sequences.get(scope) ?? 0) + 1;
    sequences.set(scope, seq);
    const deadline = calendar.deadline(receivedAt, kind.replyWorkingDays);
    const accepted = !['held', 'submitted'].includes(demo.status);
    const acceptedAt = new Date(receivedAt.getTime() + 2 * HOUR_MS);
    const repliedAt = new Date(receivedAt.getTime() + 26 * HOUR_MS);
    const replied = demo.status === 'replied' || demo.status === 'closed';
    const ratedAt = new Date(repliedAt.getTime() + 5 * HOUR_MS);
    const row = await m.insert(Inquiry, {
      trackingNo: trackingNumber(kind.trackingPrefix, day, seq),
      kind: demo.kind,
      subject: demo.subject,
      content: demo.content,
      phone: demo.phone,
      phoneHash: demo.phone ? installedHasher().hash('phone', demo.phone) : null,
      allowPublish: demo.allowPublish,
      parentId,
      unitId: intake.id,
      handlerId: accepted ? handler.id : null,
      status: demo.status,
      version: 1,
      receivedAt,
      deadlineFrom: receivedAt,
      dueAt: deadline.dueAt,
      dueDate: deadline.dueDate,
      workingDays: kind.replyWorkingDays,
      skipped: deadline.skipped,
      flagged: deadline.flagged,
      checkSuggest: demo.status === 'held' ? 'review' : null,
      checkLabel: demo.status === 'held' ? 21000 : null,
      replyText: replied ? demo.reply! : null,
      repliedAt: replied ? repliedAt : null,
      replyUnitId: replied ? intake.id : null,
      pendingReplyText: demo.status === 'reply_pending' ? demo.reply! : null,
      pendingReplyAt: demo.status === 'reply_pending' ? repliedAt : null,
      pendingReplyBy: demo.status === 'reply_pending' ? handler.displayName : null,
      pendingReplyById: demo.status === 'reply_pending' ? handler.id : null,
      replyReviewer: demo.status === 'reply_pending' ? REVIEWER : null,
      rating: demo.rating ?? null,
      ratingComment: null,
      ratedAt: demo.rating ? ratedAt : null,
      reopenCount: 0,
      publishedQaId: null,
      createdAt: receivedAt,
      updatedAt: receivedAt,
    });
    const inquiryId = Number(row.identifiers[0]!.id);
    // The consent to publishing it as Q&A is given with the question, as intake records it.
    if (demo.allowPublish) await m.insert(PrivacyConsent, { parentId, kind: 'public_qa', granted: true, version: null, channel: 'weapp', subject: `咨询 ${trackingNumber(kind.trackingPrefix, day, seq)}`, createdAt: receivedAt });
    const event = (action: string, label: string, at: Date, parentVisible: boolean, text: string | null = null, actor: StaffAccount | null = null) =>
      m.insert(InquiryEvent, { inquiryId, action, label, text, parentVisible, actorId: actor?.id ?? null, actorName: actor?.displayName ?? (actor ? null : action === 'note' ? '系统' : null), createdAt: at });
    await event('submitted', '提交', receivedAt, true);
    if (demo.status === 'held') await event('note', '内容安全检测：需人工审核（标签 21000）', receivedAt, false);
    if (accepted) await event('accept', INQUIRY_ACTION_LABELS.accept, acceptedAt, true, null, handler);
    if (demo.status === 'reply_pending') await event('reply', `答复（待${REPLY_REVIEWER_LABELS[REVIEWER]}审核）`, repliedAt, false, demo.reply!, handler);
    if (replied) await event('reply', INQUIRY_ACTION_LABELS.reply, repliedAt, true, demo.reply!, handler);
    if (demo.rating) await event('rate', `评价：${INQUIRY_RATING_LABELS[demo.rating]}`, ratedAt, true);
    if (demo.qa) {
      const publishedAt = new Date(repliedAt.getTime() + 8 * HOUR_MS);
      const qa = await m.insert(InquiryQa, { inquiryId, kind: demo.kind, question: demo.qa.question, answer: demo.qa.answer, unitName: intake.name, askedAt: receivedAt, answeredAt: repliedAt, publishedById: head.id, publishedAt });
      await m.update(Inquiry, { id: inquiryId }, { publishedQaId: Number(qa.identifiers[0]!.id) });
      await event('note', '发布为公开问答', publishedAt, false, null, head);
    }
  }
  for (const [scope, last] of sequences) await m.insert(IndexSequence, { scope, last });
  return DEMO_INQUIRIES.length;
}
