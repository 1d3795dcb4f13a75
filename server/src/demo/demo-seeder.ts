import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { STAFF_ROLES, STAFF_ROLE_LABELS, type NoticeStatus, type ReviewActor, type SecrecyDecision, type StaffRole } from '@gongkai/shared';
import { randomBytes } from 'node:crypto';
import { In } from 'typeorm';
import { PublicCache } from '../common/cache/public-cache';
import { Category } from '../catalog/entities/category.entity';
import { NoticeAttachment } from '../catalog/entities/notice-attachment.entity';
import { NoticeTopic } from '../catalog/entities/notice-topic.entity';
import { Notice } from '../catalog/entities/notice.entity';
import { Topic } from '../catalog/entities/topic.entity';
import { Unit } from '../identity/entities/unit.entity';
import { bodyToText, sanitizeBody } from '../catalog/html-sanitizer';
import { PublishStep } from '../publishing/publish-step.service';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { NoticeReview } from '../publishing/entities/notice-review.entity';
import { NoticeRevision } from '../publishing/entities/notice-revision.entity';
import { hashPassword } from '../identity/password';
import { AppState } from '../database/app-state.entity';
import { Db } from '../database/db';
import { Clock } from '../common/clock/clock';
import { CalendarService } from '../calendar/calendar.service';
import { seedDemoInquiries } from './demo-inquiries';
import { ZoningTablesService } from '../zoning/tables/zoning-tables.service';
import { DEMO_ZONING_NOTICE_TITLES, seedDemoZoning } from './zoning/demo-zoning';
import { seedDemoDisclosure } from './demo-disclosure';
import { seedDemoReportRecords } from './demo-reports';
import { seedDemoSearchLog } from './demo-search';
import type { DemoReviewNotice } from './demo-types';
import { DEMO_BUREAU_UNIT, DEMO_IN_REVIEW, DEMO_NOTICES, DEMO_REFERENCE_DAY, DEMO_UNITS } from './demo-bureau';

const SEEDED_KEY = 'demo_seeded';
/** Written once the demo's zoning tables are in: until then each boot tries them again. */
const ZONING_SEEDED_KEY = 'demo_zoning_seeded';
const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;

/** The approvals of the chain in order: who approves, from which status to which. */
const APPROVALS: [StaffRole, NoticeStatus, NoticeStatus][] = [
  ['unit_head', 'unit_review', 'secrecy_review'],
  ['secrecy_reviewer', 'secrecy_review', 'leader_approval'],
  ['leader', 'leader_approval', 'approved'],
];
const APPROVAL_OPINIONS: Record<string, string> = { unit_head: '内容属实，同意报送。', secrecy_reviewer: '经审查不涉及国家秘密和个人隐私，可主动公开。', leader: '同意发布。' };

/** Which demo unit each role's account sits in (by name), so the demo's review chain makes sense. */
const ROLE_UNITS: Record<StaffRole, string> = {
  editor: '基础教育科',
  unit_head: '基础教育科',
  secrecy_reviewer: '办公室',
  leader: '',
  publisher: '信息发布中心',
  // The bureau itself: the intake unit of inquiries sent to no particular unit.
  inquiry_handler: '',
  // 依申请公开 is handled by the bureau's disclosure office (信息发布中心 in the demo).
  disclosure_handler: '信息发布中心',
  disclosure_head: '信息发布中心',
  // Writes the yearly report's notice as an editor too: in the unit whose head the demo's review chain has.
  report_editor: '基础教育科',
  admin: '信息发布中心',
};

/**
 * Seeds the embedded demo once: the 昌乐县教育局 demo bureau, one staff account per role and its
 * notices. Runs only with DEMO_DATA on (the embedded default) and only on a database that has not
 * been seeded, so restarts and real data are left alone.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    private readonly db: Db,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publishStep: PublishStep,
    private readonly cache: PublicCache,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly zoningTables: ZoningTablesService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!(await this.db.dataSource.getRepository(AppState).findOneBy({ key: SEEDED_KEY }))) await this.seed();
    else await this.seedZoning();
  }

  /**
   * The demo's zoning tables, unless they are in already (the marker): after the demo's own
   * commit (the tables service opens its own transactions; SQLite has one writer), so a failure or
   * a crash leaves the rest of the demo standing, and the next boot tries again. Answers the rules
   * imported (0 when already in, or failed: logged).
   */
  private async seedZoning(): Promise<number> {
    const state = this.db.dataSource.getRepository(AppState);
    if (await state.findOneBy({ key: ZONING_SEEDED_KEY })) return 0;
    try {
      const notices = await this.db.dataSource.getRepository(Notice).find({ where: { title: In([...DEMO_ZONING_NOTICE_TITLES]), status: 'published' }, select: { id: true, title: true } });
      const rules = await seedDemoZoning(this.zoningTables, new Map(notices.map((n) => [n.title, n.id])));
      await this.db.dataSource.createQueryBuilder().insert().into(AppState).values({ key: ZONING_SEEDED_KEY, value: this.clock.now().toISOString() }).orIgnore().execute();
      return rules;
    } catch (error) {
      this.logger.error(`演示学区划片表未能导入，下次启动时重试 (demo zoning tables not seeded, retried at the next start): ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    }
  }

  private async seed(): Promise<void> {
    const password = this.config.demo.staffPassword ?? randomBytes(9).toString('base64url');
    const passwordHash = await hashPassword(password);
    const started = this.clock.nowMs();
    let inquiries = 0;
    await this.db.transaction(async (m) => {
      // Another instance may have seeded meanwhile: the primary key makes the second insert fail.
      await m.insert(AppState, { key: SEEDED_KEY, value: new Date(started).toISOString() });
      let order = 0;
      for (const unit of [DEMO_BUREAU_UNIT, ...DEMO_UNITS]) {
        order += 10;
        await m.insert(Unit, { ...unit, sortOrder: order });
      }
      const units = new Map((await m.find(Unit)).map((u) => [u.code, u]));
      const byName = (name: string) => [...units.values()].find((u) => name && u.name.includes(name)) ?? units.get(DEMO_BUREAU_UNIT.code)!;
      const accounts = new Map<StaffRole, StaffAccount>();
      for (const role of STAFF_ROLES) {
        const inserted = await m.insert(StaffAccount, {
          username: role,
          displayName: `演示${STAFF_ROLE_LABELS[role]}`,
          passwordHash,
          unitId: byName(ROLE_UNITS[role]).id,
          roles: role === 'report_editor' ? ['report_editor', 'editor'] : [role],
          active: true,
        });
        accounts.set(role, await m.findOneByOrFail(StaffAccount, { id: inserted.identifiers[0]!.id }));
      }
      const categories = new Map((await m.find(Category)).map((c) => [c.code, c.id]));
      const topics = new Map((await m.find(Topic)).map((t) => [t.code, t.id]));
      // What a demo notice holds whatever its state: its content, unit and author.
      const content = (demo: Omit<DemoReviewNotice, 'reviewStatus' | 'submittedHoursAgo'>) => {
        const bodyHtml = sanitizeBody(demo.bodyHtml);
        return {
          title: demo.title,
          summary: demo.summary,
          categoryId: categories.get(demo.categoryCode)!,
          unitId: units.get(demo.unitCode)!.id,
          documentNo: demo.documentNo,
          disclosure: demo.disclosure,
          disclosureReason: demo.disclosureReason,
          infoType: demo.infoType,
          normative: demo.normative,
          normativeIssuedOn: demo.normativeIssuedOn,
          normativeRepealedOn: null,
          bodyHtml,
          bodyText: bodyToText(bodyHtml),
          authorId: accounts.get('editor')!.id,
        };
      };
      // Oldest first, so 索引号 sequences follow publishing order.
      const notices = [...DEMO_NOTICES].sort((a, b) => b.publishedDaysAgo - a.publishedDaysAgo);
      for (const [i, demo] of notices.entries()) {
        const inserted = await m.insert(Notice, {
          status: 'draft',
          ...content(demo),
          viewCount: demo.status === 'published' ? 40 + ((i * 7919) % 2600) : 0,
          version: 1,
        });
        const id = Number(inserted.identifiers[0]!.id);
        const topicIds = demo.topicCodes.map((code) => topics.get(code)!);
        if (topicIds.length) await m.insert(NoticeTopic, topicIds.map((topicId) => ({ noticeId: id, topicId })));
        if (demo.attachments.length) await m.insert(NoticeAttachment, demo.attachments.map((a, position) => ({ ...a, noticeId: id, position })));
        if (demo.status === 'published') {
          // The dates the content was written for (titles name their year), at an office hour
          // between 09:00 and 17:00 in Shanghai; never in the future.
          const officeClose = Date.parse(`${DEMO_REFERENCE_DAY}T17:00:00+08:00`);
          const at = new Date(Math.min(started, officeClose - demo.publishedDaysAgo * DAY_MS - ((i * 37) % 480) * 60_000));
          await this.publishStep.inTransaction(m, await m.findOneByOrFail(Notice, { id }), at);
        }
      }
      // A few notices part-way through the review chain, with their log, so the queues have work.
      for (const demo of DEMO_IN_REVIEW) {
        const submittedAt = new Date(started - demo.submittedHoursAgo * HOUR_MS);
        const reached = APPROVALS.findIndex(([, from]) => from === demo.reviewStatus);
        const approvals = APPROVALS.slice(0, reached === -1 ? APPROVALS.length : reached);
        const decision: SecrecyDecision = { publishable: true, disclosure: demo.disclosure, disclosureReason: demo.disclosureReason };
        const log: { from: NoticeStatus; to: NoticeStatus; role: ReviewActor; actor: StaffAccount; at: Date; opinion: string | null; secrecy: SecrecyDecision | null }[] = [
          { from: 'draft', to: 'unit_review', role: 'author', actor: accounts.get('editor')!, at: submittedAt, opinion: null, secrecy: null },
          ...approvals.map(([role, from, to], k) => ({
            from,
            to,
            role,
            actor: accounts.get(role)!,
            at: new Date(submittedAt.getTime() + (k + 1) * 3 * HOUR_MS),
            opinion: APPROVAL_OPINIONS[role]!,
            secrecy: role === 'secrecy_reviewer' ? decision : null,
          })),
        ];
        const columns = content(demo);
        const inserted = await m.insert(Notice, {
          status: demo.reviewStatus,
          ...columns,
          viewCount: 0,
          version: 1 + log.length,
          round: 1,
          publishable: approvals.some(([role]) => role === 'secrecy_reviewer') ? true : null,
          statusChangedAt: log[log.length - 1]!.at,
          createdAt: new Date(submittedAt.getTime() - 2 * HOUR_MS),
        });
        const id = Number(inserted.identifiers[0]!.id);
        const topicIds = demo.topicCodes.map((code) => topics.get(code)!);
        if (topicIds.length) await m.insert(NoticeTopic, topicIds.map((topicId) => ({ noticeId: id, topicId })));
        await m.insert(NoticeRevision, { noticeId: id, round: 1, title: demo.title, bodyHtml: columns.bodyHtml, submittedAt });
        for (const row of log) {
          await m.insert(NoticeReview, {
            noticeId: id,
            round: 1,
            fromStatus: row.from,
            toStatus: row.to,
            action: row.role === 'author' ? 'submit' : 'approve',
            actorId: row.actor.id,
            actorName: row.actor.displayName,
            role: row.role,
            opinion: row.opinion,
            secrecy: row.secrecy,
            publishAt: null,
            createdAt: row.at,
          });
        }
      }
      // Inquiries in the intake unit (the bureau), where the demo inquiry handler sits; with no unit head there, the leader approves complaint replies.
      inquiries = await seedDemoInquiries(m, { intake: units.get(DEMO_BUREAU_UNIT.code)!, handler: accounts.get('inquiry_handler')!, head: accounts.get('admin')!, calendar: this.calendar, now: started });
      // The records and requests the yearly report counts, so the demo year's report has every table filled.
      await seedDemoDisclosure(m, { handler: accounts.get('disclosure_handler')!, head: accounts.get('disclosure_head')!, calendar: this.calendar, now: started });
      await seedDemoReportRecords(m, { editor: accounts.get('report_editor')!, now: started });
      await seedDemoSearchLog(m, { now: started });
    });
    // Demo units were added: the catalogue too.
    this.cache.clear('catalog');
    const zoningRules = await this.seedZoning();
    const shown = this.config.demo.staffPassword ? '（DEMO_STAFF_PASSWORD 中设置的密码）' : password;
    this.logger.warn(
      [
        '',
        '==================== 演示数据已创建 (demo data seeded) ====================',
        `  ${DEMO_NOTICES.length + DEMO_IN_REVIEW.length} 条信息（${DEMO_IN_REVIEW.length} 条在审核中），${DEMO_UNITS.length + 1} 个单位，每个角色一个工作人员账号：`,
        `  ${inquiries} 条咨询投诉（2 条已公开为问答）`,
        `  学区划片表 2025、2026 年（${zoningRules} 条规则）`,
        `  用户名 username: ${STAFF_ROLES.join(', ')}`,
        `  密码 password:   ${shown}`,
        '  此密码只显示这一次 (shown once; set DEMO_STAFF_PASSWORD to choose it)',
        '===========================================================================',
      ].join('\n'),
    );
  }
}
