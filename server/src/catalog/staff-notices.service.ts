import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  EDITABLE_NOTICE_STATUSES,
  disclosureReasonProblem,
  formatIndexNo,
  shanghaiYear,
  type Page,
  type StaffNoticeView,
} from '@gongkai/shared';
import { DataSource, EntityManager, FindOptionsWhere, In, LessThan } from 'typeorm';
import { Db } from '../database/db';
import { AuditService } from '../common/audit/audit.service';
import { hasRole, type StaffPrincipal } from '../common/auth/staff-principal';
import { PublicCache } from '../common/cache/public-cache';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { NoticeDraftDto, NoticeUpdateDto, StaffNoticeQueryDto } from './dto/notice-draft.dto';
import { Category } from './entities/category.entity';
import { NoticeAttachment } from './entities/notice-attachment.entity';
import { NoticeTopic } from './entities/notice-topic.entity';
import { Notice } from './entities/notice.entity';
import { Topic } from './entities/topic.entity';
import { Unit } from '../identity/entities/unit.entity';
import { StaffAccount } from '../identity/entities/staff-account.entity';
import { bodyToText, sanitizeBody } from './html-sanitizer';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';

/**
 * Staff side of notices: drafts, edits (recording who edited each round), deletion, and publishing
 * inside a transaction: the review chain's registration and the scheduler call it, and the demo
 * seeder for its already-published notices; no HTTP route publishes outside the chain.
 */
@Injectable()
export class StaffNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
    private readonly repo: NoticesRepository,
    private readonly catalog: NoticesService,
    private readonly cache: PublicCache,
    private readonly audit: AuditService,
  ) {}

  async create(staff: StaffPrincipal, dto: NoticeDraftDto, meta: RequestMeta): Promise<StaffNoticeView> {
    const fields = await this.resolve(staff, dto, null);
    const id = await this.db.transaction(async (m) => {
      const inserted = await m.insert(Notice, { ...fields.columns, status: 'draft', authorId: staff.id, viewCount: 0, version: 1, round: 0, statusChangedAt: new Date() });
      const noticeId = Number(inserted.identifiers[0]!.id);
      await this.repo.recordEditor(m, noticeId, 1, staff.id);
      await this.writeChildren(m, noticeId, fields.topicIds, dto.attachments);
      const view = await this.view(noticeId, m);
      await this.audit.record(m, staff, meta, { action: 'notice.create', entityType: 'notice', entityId: noticeId, after: view });
      return noticeId;
    });
    return this.view(id);
  }

  async list(staff: StaffPrincipal, query: StaffNoticeQueryDto): Promise<Page<StaffNoticeView>> {
    const after = query.cursor ? decodeCursor(query.cursor, (v): v is [number] => Array.isArray(v) && Number.isInteger(v[0])) : null;
    const where: FindOptionsWhere<Notice> = {
      ...(seesAllUnits(staff) ? {} : { unitId: staff.unitId }),
      ...(query.status ? { status: query.status } : {}),
      ...(after ? { id: LessThan(after[0]) } : {}),
    };
    const rows = await this.dataSource.getRepository(Notice).find({ where, order: { id: 'DESC' }, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const items = await this.views(page);
    return { items, nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  async get(staff: StaffPrincipal, id: number): Promise<StaffNoticeView> {
    await this.visible(staff, id);
    return this.view(id);
  }

  async update(staff: StaffPrincipal, id: number, dto: NoticeUpdateDto, meta: RequestMeta): Promise<StaffNoticeView> {
    const notice = await this.editable(staff, id);
    if (dto.version !== undefined && dto.version !== notice.version) {
      throw new ApiError(409, 'CONFLICT', '该信息已被他人修改，请刷新后再编辑');
    }
    const fields = await this.resolve(staff, dto, notice);
    await this.db.transaction(async (m) => {
      const before = await this.view(id, m);
      const result = await m
        .createQueryBuilder()
        .update(Notice)
        .set({ ...fields.columns, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: notice.version })
        .execute();
      if (!result.affected) throw new ApiError(409, 'CONFLICT', '该信息已被他人修改，请刷新后再编辑');
      // Whoever changes what reviewers read may not approve the round it goes to (four eyes).
      const edited = (fields.columns.title !== undefined && fields.columns.title !== notice.title) || (fields.columns.bodyHtml !== undefined && fields.columns.bodyHtml !== notice.bodyHtml);
      if (edited) await this.repo.recordEditor(m, id, notice.round + 1, staff.id);
      if (dto.topicCodes !== undefined) await m.delete(NoticeTopic, { noticeId: id });
      if (dto.attachments !== undefined) await m.delete(NoticeAttachment, { noticeId: id });
      await this.writeChildren(m, id, dto.topicCodes !== undefined ? fields.topicIds : [], dto.attachments);
      await this.audit.record(m, staff, meta, { action: 'notice.update', entityType: 'notice', entityId: id, before, after: await this.view(id, m) });
    });
    return this.view(id);
  }

  async remove(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<void> {
    const notice = await this.editable(staff, id);
    await this.db.transaction(async (m) => {
      const before = await this.view(id, m);
      const result = await m.delete(Notice, { id, version: notice.version });
      if (!result.affected) throw new ApiError(409, 'CONFLICT', '该信息已被他人修改，请刷新后重试');
      await this.audit.record(m, staff, meta, { action: 'notice.delete', entityType: 'notice', entityId: id, before });
    });
  }

  /**
   * Gives the notice its 索引号 and published time; the caller's transaction commits both. The
   * update is conditional on the version read, so of two publishers only one wins; the caller
   * clears the public cache and emits `notice.published` after commit.
   */
  async publishInTransaction(m: EntityManager, notice: Notice, at: Date, conflictMessage = '该信息已被他人修改，请刷新后重试'): Promise<void> {
    // Read through the transaction: the unit may have been created in it (the demo seed does).
    const { code: unitCode } = await m.findOneByOrFail(Unit, { id: notice.unitId });
    const { code: categoryCode } = await m.findOneByOrFail(Category, { id: notice.categoryId });
    const year = shanghaiYear(at);
    const indexNo = notice.indexNo ?? formatIndexNo(unitCode, categoryCode, year, await this.repo.nextIndexSequence(m, `${unitCode}/${categoryCode}/${year}`));
    const result = await m
      .createQueryBuilder()
      .update(Notice)
      .set({ status: 'published', publishedAt: at, indexNo, publishAt: null, statusChangedAt: at, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id: notice.id, version: notice.version })
      .execute();
    if (!result.affected) throw new ApiError(409, 'CONFLICT', conflictMessage);
    await this.cache.bump(m);
  }

  /**
   * Staff see their own unit's notices; the roles that review across units (保密审查, 分管领导,
   * 信息发布中心) and admins see all. Others' rows answer 404, as if absent. Reads through `m`
   * when given (inside a transaction).
   */
  async visible(staff: StaffPrincipal, id: number, m: EntityManager = this.dataSource.manager): Promise<Notice> {
    const notice = await m.findOne(Notice, { where: { id } });
    if (!notice || (!seesAllUnits(staff) && notice.unitId !== staff.unitId)) throw ApiError.notFound('未找到该信息');
    return notice;
  }

  private async editable(staff: StaffPrincipal, id: number): Promise<Notice> {
    const notice = await this.visible(staff, id);
    if (notice.authorId !== staff.id && !hasRole(staff, 'admin')) throw ApiError.forbidden('只能修改或删除自己撰写的信息');
    if (!EDITABLE_NOTICE_STATUSES.includes(notice.status)) {
      throw new ApiError(409, 'NOTICE_NOT_EDITABLE', '该信息已进入审核或已发布，不能修改或删除');
    }
    return notice;
  }

  /** Checks codes and rules of a create or update and returns the columns to write. */
  private async resolve(staff: StaffPrincipal, dto: NoticeUpdateDto, current: Notice | null) {
    const snap = await this.catalog.snapshot();
    const problems: { field: string; message: string }[] = [];
    const columns: Partial<Notice> = {};
    if (dto.title !== undefined) columns.title = dto.title;
    if (dto.summary !== undefined) columns.summary = dto.summary;
    if (dto.documentNo !== undefined) columns.documentNo = dto.documentNo || null;
    if (dto.infoType !== undefined) columns.infoType = dto.infoType;
    if (dto.categoryCode !== undefined) {
      const category = snap.byCode.categories.get(dto.categoryCode);
      if (category) columns.categoryId = category.id;
      else problems.push({ field: 'categoryCode', message: `分类“${dto.categoryCode}”不存在` });
    }
    const topicIds: number[] = [];
    for (const code of new Set(dto.topicCodes ?? [])) {
      const topic = snap.byCode.topics.get(code);
      if (topic) topicIds.push(topic.id);
      else problems.push({ field: 'topicCodes', message: `专题“${code}”不存在` });
    }
    if (dto.unitCode !== undefined || !current) {
      const unit = dto.unitCode === undefined ? snap.units.get(staff.unitId) : snap.byCode.units.get(dto.unitCode);
      if (!unit) problems.push({ field: 'unitCode', message: `单位“${dto.unitCode}”不存在` });
      else if (unit.id !== staff.unitId && !hasRole(staff, 'admin')) problems.push({ field: 'unitCode', message: '只能以本单位名义撰写信息' });
      else columns.unitId = unit.id;
    }
    if (dto.bodyHtml !== undefined) {
      columns.bodyHtml = sanitizeBody(dto.bodyHtml);
      columns.bodyText = bodyToText(columns.bodyHtml);
      if (!columns.bodyText && !/<img\b/i.test(columns.bodyHtml)) problems.push({ field: 'bodyHtml', message: '正文不能为空' });
    }
    const disclosure = dto.disclosure ?? current?.disclosure ?? 'proactive';
    const reason = dto.disclosureReason !== undefined ? dto.disclosureReason || null : disclosure === 'proactive' ? null : current?.disclosureReason ?? null;
    const reasonProblem = disclosureReasonProblem(disclosure, reason);
    if (reasonProblem) problems.push({ field: 'disclosureReason', message: reasonProblem });
    columns.disclosure = disclosure;
    columns.disclosureReason = disclosure === 'proactive' ? null : reason;

    const normative = dto.normative ?? current?.normative ?? false;
    const issued = dto.normativeIssuedOn !== undefined ? dto.normativeIssuedOn : current?.normativeIssuedOn ?? null;
    const repealed = dto.normativeRepealedOn !== undefined ? dto.normativeRepealedOn : current?.normativeRepealedOn ?? null;
    if (normative && !issued) problems.push({ field: 'normativeIssuedOn', message: '规范性文件须填写印发日期' });
    if (!normative && (issued || repealed)) problems.push({ field: 'normative', message: '只有规范性文件才填写印发和废止日期' });
    if (issued && repealed && repealed < issued) problems.push({ field: 'normativeRepealedOn', message: '废止日期不能早于印发日期' });
    columns.normative = normative;
    columns.normativeIssuedOn = issued ?? null;
    columns.normativeRepealedOn = repealed ?? null;

    if (problems.length) throw ApiError.validation(problems, problems[0]!.message);
    return { columns, topicIds };
  }

  private async writeChildren(m: EntityManager, noticeId: number, topicIds: number[], attachments: NoticeDraftDto['attachments']): Promise<void> {
    if (topicIds.length) await m.insert(NoticeTopic, topicIds.map((topicId) => ({ noticeId, topicId })));
    if (attachments?.length) {
      await m.insert(NoticeAttachment, attachments.map((a, position) => ({ noticeId, position, name: a.name, url: a.url, size: a.size })));
    }
  }

  /** Reads through `m`, so inside a transaction it sees the transaction's own writes. */
  async view(id: number, m: EntityManager = this.dataSource.manager): Promise<StaffNoticeView> {
    const [view] = await this.views([await m.findOneOrFail(Notice, { where: { id } })], m);
    return view!;
  }

  /** Views of several notices with one query per related table, whatever the page size. */
  private async views(notices: Notice[], m: EntityManager = this.dataSource.manager): Promise<StaffNoticeView[]> {
    if (!notices.length) return [];
    const ids = notices.map((n) => n.id);
    const [categories, units, authors, topics, attachments, editors] = await Promise.all([
      m.findBy(Category, { id: In([...new Set(notices.map((n) => n.categoryId))]) }),
      m.findBy(Unit, { id: In([...new Set(notices.map((n) => n.unitId))]) }),
      m.find(StaffAccount, { where: { id: In([...new Set(notices.map((n) => n.authorId))]) }, select: { id: true, displayName: true } }),
      m
        .createQueryBuilder(NoticeTopic, 'nt')
        .innerJoin(Topic, 't', 't.id = nt.topic_id')
        .select('nt.notice_id', 'noticeId')
        .addSelect('t.code', 'code')
        .where('nt.notice_id IN (:...ids)', { ids })
        .orderBy('t.id', 'ASC')
        .getRawMany<{ noticeId: number | string; code: string }>(),
      m.find(NoticeAttachment, { where: { noticeId: In(ids) }, order: { position: 'ASC' } }),
      this.repo.editors(ids, m),
    ]);
    const categoryCode = new Map(categories.map((c) => [c.id, c.code]));
    const unitCode = new Map(units.map((u) => [u.id, u.code]));
    const authorName = new Map(authors.map((a) => [a.id, a.displayName]));
    const topicCodes = (id: number) => topics.filter((t) => Number(t.noticeId) === id).map((t) => t.code);
    return notices.map((n) => ({
      id: n.id,
      status: n.status,
      title: n.title,
      summary: n.summary,
      categoryCode: categoryCode.get(n.categoryId)!,
      topicCodes: topicCodes(n.id),
      unitCode: unitCode.get(n.unitId)!,
      documentNo: n.documentNo,
      indexNo: n.indexNo,
      disclosure: n.disclosure,
      disclosureReason: n.disclosureReason,
      infoType: n.infoType,
      normative: n.normative,
      normativeIssuedOn: n.normativeIssuedOn,
      normativeRepealedOn: n.normativeRepealedOn,
      bodyHtml: n.bodyHtml,
      attachments: attachments.filter((a) => a.noticeId === n.id).map(({ name, url, size }) => ({ name, url, size })),
      authorId: n.authorId,
      publishedAt: n.publishedAt?.toISOString() ?? null,
      viewCount: n.viewCount,
      version: n.version,
      round: n.round,
      editorIds: editors.filter((e) => e.noticeId === n.id && e.round === editingRound(n)).map((e) => e.staffId).sort((a, b) => a - b),
      publishAt: n.publishAt?.toISOString() ?? null,
      authorName: authorName.get(n.authorId) ?? '',
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    }));
  }
}

/** The round a notice's edits belong to: the one in review, or in draft/returned the one being prepared. */
export function editingRound(n: Pick<Notice, 'status' | 'round'>): number {
  return EDITABLE_NOTICE_STATUSES.includes(n.status) ? n.round + 1 : n.round;
}

/** Roles that act on notices of every unit; everyone else sees only their own unit's. */
export const CROSS_UNIT_ROLES = ['secrecy_reviewer', 'leader', 'publisher', 'admin'] as const;

export function seesAllUnits(staff: StaffPrincipal): boolean {
  return hasRole(staff, ...CROSS_UNIT_ROLES);
}
