import { Injectable } from '@nestjs/common';
import {
  EDITABLE_NOTICE_STATUSES,
  NOTICE_LIMITS,
  disclosureReasonProblem,
  may,
  noticeActions,
  type Page,
  type StaffNoticeView,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import { UnitsService } from '../identity/units.service';
import { AttachmentsService } from './attachments/attachments.service';
import { CorrectionSummaries } from './corrections/correction-summaries';
import { NoticeDraftDto, NoticeUpdateDto, StaffNoticeQueryDto } from './dto/notice-draft.dto';
import { bodyToText, sanitizeBody } from './html-sanitizer';
import type { NoticeRecord } from './notice-record';
import { NoticesService } from './notices.service';
import { ReviewLogPort } from './review-log.port';
import { StaffNoticesRepository, type NoticeColumns } from './staff-notices.repository';

/** A draft's or an edit's columns and topics, checked before its transaction (checkDraft, checkUpdate). */
export interface CheckedNotice {
  columns: NoticeColumns;
  topicIds: number[];
}

/** An edit checked: with the notice as read then (its version is the condition of the write). */
export interface CheckedEdit extends CheckedNotice {
  notice: NoticeRecord;
}

/** A staff view without what the reader may do (nor its correction's): what the audit log records before and after a step. */
export type NoticeSnapshot = Omit<StaffNoticeView, 'actions' | 'refusals' | 'correction'>;

/**
 * Staff side of notices: drafts, edits (recording who edited each round), deletion, and the staff
 * views every notice route answers with, each carrying what the reader may do with it
 * (`noticeActions` in shared). Publishing (the review chain, the publish step) moves notices on.
 */
@Injectable()
export class StaffNoticesService {
  /** Modules above that put generated files on notices (zoning's workbook, the yearly report's PDF) name them here, with the refusal's words: an ordinary edit may not drop them. */
  private readonly generated: { source: (m: EntityManager, noticeId: number) => Promise<string[]>; refusal: string }[] = [];

  constructor(
    private readonly db: Db,
    private readonly repo: StaffNoticesRepository,
    private readonly catalog: NoticesService,
    private readonly units: UnitsService,
    private readonly reviewLog: ReviewLogPort,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly attachments: AttachmentsService,
    private readonly corrections: CorrectionSummaries,
  ) {}

  async create(staff: StaffPrincipal, dto: NoticeDraftDto, meta: RequestMeta): Promise<StaffNoticeView> {
    const checked = await this.checkDraft(staff, dto);
    const id = await this.db.transaction((m) => this.createIn(m, staff, dto, checked, meta));
    return this.view(staff, id);
  }

  /**
   * A new draft's codes and rules checked (400 naming each problem). Before the transaction: it
   * reads the catalog, which must not wait inside one (SQLite's single writer).
   */
  checkDraft(staff: StaffPrincipal, dto: NoticeDraftDto): Promise<CheckedNotice> {
    return this.resolve(staff, dto, null);
  }

  /** Writes a checked draft in the caller's transaction (the legacy import records its source page in the same one); returns its id. */
  async createIn(m: EntityManager, staff: StaffPrincipal, dto: NoticeDraftDto, fields: CheckedNotice, meta: RequestMeta): Promise<number> {
    const now = this.clock.now();
    const noticeId = await this.repo.insert(m, {
      ...fields.columns,
      status: 'draft',
      authorId: staff.id,
      viewCount: 0,
      round: 0,
      statusChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await this.repo.recordEditor(m, noticeId, 1, staff.id);
    const attachments = await this.attachments.resolveForNotice(m, staff, [], dto.attachments, fields.columns.bodyHtml ?? '');
    await this.repo.replaceChildren(m, noticeId, fields.topicIds, attachments);
    await this.audit.record(m, staff, meta, { action: 'notice.create', entityType: 'notice', entityId: noticeId, after: await this.snapshot(noticeId, m) });
    return noticeId;
  }

  async list(staff: StaffPrincipal, query: StaffNoticeQueryDto): Promise<Page<StaffNoticeView>> {
    const after = query.cursor ? decodeCursor(query.cursor, (v): v is [number] => Array.isArray(v) && Number.isInteger(v[0])) : null;
    const rows = await this.repo.page({
      unitId: seesAllUnits(staff) ? undefined : staff.unitId,
      status: query.status,
      beforeId: after ? after[0] : undefined,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const items = await this.withActions(staff, page);
    return { items, nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  /** The notice as `staff` sees it (404 when they may not), with what they may do with it. */
  async view(staff: StaffPrincipal, id: number): Promise<StaffNoticeView> {
    await this.db.settled(); // SQLite: not a half-done transaction's rows
    const notice = await this.visible(staff, id);
    const [view] = await this.withActions(staff, [notice]);
    return view!;
  }

  async update(staff: StaffPrincipal, id: number, dto: NoticeUpdateDto, meta: RequestMeta): Promise<StaffNoticeView> {
    const checked = await this.checkUpdate(staff, id, dto);
    await this.db.transaction((m) => this.updateIn(m, staff, dto, checked, meta));
    return this.view(staff, id);
  }

  /** An edit checked before its transaction (as checkDraft): `staff` may edit the notice, the version matches, codes and rules hold. */
  async checkUpdate(staff: StaffPrincipal, id: number, dto: NoticeUpdateDto): Promise<CheckedEdit> {
    const notice = await this.editable(staff, id);
    if (dto.version !== undefined && dto.version !== notice.version) {
      throw new ApiError(409, 'CONFLICT', '该信息已被他人修改，请刷新后再编辑');
    }
    return { notice, ...(await this.resolve(staff, dto, notice)) };
  }

  /** Writes a checked edit in the caller's transaction; 409 if the notice changed since it was checked. */
  async updateIn(m: EntityManager, staff: StaffPrincipal, dto: NoticeUpdateDto, fields: CheckedEdit, meta: RequestMeta): Promise<void> {
    const { notice } = fields;
    const id = notice.id;
    const before = await this.snapshot(id, m);
    if (!(await this.repo.updateIfVersion(m, id, notice.version, { ...fields.columns, updatedAt: this.clock.now() }))) {
      throw new ApiError(409, 'CONFLICT', '该信息已被他人修改，请刷新后再编辑');
    }
    // Whoever changes what reviewers read may not approve the round it goes to (four eyes).
    const edited = (fields.columns.title !== undefined && fields.columns.title !== notice.title) || (fields.columns.bodyHtml !== undefined && fields.columns.bodyHtml !== notice.bodyHtml);
    if (edited) await this.repo.recordEditor(m, id, notice.round + 1, staff.id);
    if (dto.attachments !== undefined) {
      // A generated file is what reviewers must read (e.g. the 划片 table): it leaves the notice only through the module that made it.
      const listed = new Set(dto.attachments.flatMap((a) => (a.fileId ? [a.fileId] : [])));
      for (const { source, refusal } of this.generated) {
        if ((await source(m, id)).some((fileId) => !listed.has(fileId))) throw new ApiError(409, 'CONFLICT', refusal);
      }
    }
    const attachments = await this.attachments.resolveForNotice(m, staff, fileIdsOf(before), dto.attachments, fields.columns.bodyHtml ?? notice.bodyHtml);
    await this.repo.replaceChildren(m, id, dto.topicCodes !== undefined ? fields.topicIds : undefined, attachments);
    await this.audit.record(m, staff, meta, { action: 'notice.update', entityType: 'notice', entityId: id, before, after: await this.snapshot(id, m) });
  }

  async remove(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<void> {
    const notice = await this.editable(staff, id);
    await this.db.transaction(async (m) => {
      const before = await this.snapshot(id, m);
      // Its uploaded files go with the next clean-up round (the rows go with the notice).
      await this.attachments.releaseOfNotice(m, fileIdsOf(before));
      if (!(await this.repo.deleteIfVersion(m, id, notice.version))) throw new ApiError(409, 'CONFLICT', '该信息已被他人修改，请刷新后重试');
      await this.audit.record(m, staff, meta, { action: 'notice.delete', entityType: 'notice', entityId: id, before });
    });
  }

  /** `source` answers the ids of the files a module above generated onto a notice (read through `m`); an ordinary edit keeps them, refused with `refusal` (Chinese, naming where to change it). */
  protectGeneratedAttachments(source: (m: EntityManager, noticeId: number) => Promise<string[]>, refusal: string): void {
    this.generated.push({ source, refusal });
  }

  /**
   * The notice `staff` may change (catalog's rules: visible to them, their own or `notice.anyUnit`,
   * still a draft or returned), with its topic codes; 404 / 403 / 409 NOTICE_NOT_EDITABLE otherwise.
   * Before a module above attaches a generated file to it.
   */
  async editableForAttachment(staff: StaffPrincipal, id: number): Promise<{ notice: NoticeRecord; topicCodes: string[] }> {
    const notice = await this.editable(staff, id);
    return { notice, topicCodes: (await this.snapshot(id)).topicCodes };
  }

  /**
   * A file another module generated (e.g. the zoning table's XLSX) becomes the notice's
   * attachment, inside the caller's transaction: `file` (stored pending by the caller) is claimed
   * and takes the place of the first of `replaces` on the notice (else goes last), every file of
   * `replaces` is dropped from the notice and released (Files have one owner). `file` null only
   * detaches. The notice's version moves on; whoever does it, and `alsoEditors` (who made the
   * file's content), count as editors of the round going to review (four eyes: the attachment is
   * what reviewers read). False when the notice no
   * longer exists or may no longer change (the caller refuses, and its transaction rolls back).
   */
  async replaceGeneratedAttachment(
    m: EntityManager,
    staff: StaffPrincipal,
    meta: RequestMeta,
    noticeId: number,
    file: { id: string; name: string } | null,
    replaces: readonly (string | null)[],
    alsoEditors: readonly number[] = [],
  ): Promise<boolean> {
    const before = await this.repo.findById(noticeId, m);
    if (!before) return false;
    const snapshotBefore = await this.snapshot(noticeId, m);
    // The condition and, on MySQL, the row lock: the attachments are read again below, under it.
    if (!(await this.repo.touchIfEditable(m, noticeId, this.clock.now()))) return false;
    const dropped = new Set(replaces.filter((id): id is string => !!id));
    const rows = (await this.repo.relations([before], m)).attachments.map((a) => ({ name: a.name, url: a.url, size: a.size, fileId: a.fileId, contentType: a.contentType }));
    const kept = rows.filter((a) => !a.fileId || !dropped.has(a.fileId));
    if (file) {
      const row = await this.attachments.claimGenerated(m, file.id, file.name);
      if (!row) throw new ApiError(409, 'CONFLICT', '生成的附件已失效，请重试');
      const at = rows.findIndex((a) => a.fileId !== null && dropped.has(a.fileId));
      const position = at < 0 ? kept.length : rows.slice(0, at).filter((a) => !a.fileId || !dropped.has(a.fileId)).length;
      kept.splice(position, 0, row);
      if (kept.length > NOTICE_LIMITS.attachmentsMax) throw ApiError.field('attachments', `每条信息最多 ${NOTICE_LIMITS.attachmentsMax} 个附件，请先删除不需要的附件`);
    }
    await this.attachments.release(m, [...dropped]);
    await this.repo.replaceChildren(m, noticeId, undefined, kept);
    for (const editor of new Set([staff.id, ...alsoEditors])) await this.repo.recordEditor(m, noticeId, before.round + 1, editor);
    await this.audit.record(m, staff, meta, { action: 'notice.update', entityType: 'notice', entityId: noticeId, before: snapshotBefore, after: await this.snapshot(noticeId, m) });
    return true;
  }

  /**
   * Staff see their own unit's notices; the roles that review across units (保密审查, 分管领导,
   * 信息发布中心) and admins see all. Others' rows answer 404, as if absent. Reads through `m`
   * when given (inside a transaction).
   */
  async visible(staff: StaffPrincipal, id: number, m?: EntityManager): Promise<NoticeRecord> {
    const notice = await this.repo.findById(id, m);
    if (!notice || (!seesAllUnits(staff) && notice.unitId !== staff.unitId)) throw ApiError.notFound('未找到该信息');
    return notice;
  }

  /** The notice's row, through `m` when given; null when there is none. */
  record(id: number, m?: EntityManager): Promise<NoticeRecord | null> {
    return this.repo.findById(id, m);
  }

  /** What the audit log records of a notice; reads through `m`, so inside a transaction it sees the transaction's own writes. */
  async snapshot(id: number, m?: EntityManager): Promise<NoticeSnapshot> {
    const [view] = await this.snapshots([await this.repo.findByIdOrFail(id, m)], m);
    return view!;
  }

  private async editable(staff: StaffPrincipal, id: number): Promise<NoticeRecord> {
    const notice = await this.visible(staff, id);
    if (notice.authorId !== staff.id && !may(staff.roles, 'notice.anyUnit')) throw ApiError.forbidden('只能修改或删除自己撰写的信息');
    if (!EDITABLE_NOTICE_STATUSES.includes(notice.status)) {
      throw new ApiError(409, 'NOTICE_NOT_EDITABLE', '该信息已进入审核或已发布，不能修改或删除');
    }
    return notice;
  }

  /** Checks codes and rules of a create or update and returns the columns to write. */
  private async resolve(staff: StaffPrincipal, dto: NoticeUpdateDto, current: NoticeRecord | null): Promise<CheckedNotice> {
    const snap = await this.catalog.snapshot();
    const problems: { field: string; message: string }[] = [];
    const columns: NoticeColumns = {};
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
      else if (unit.id !== staff.unitId && !may(staff.roles, 'notice.anyUnit')) problems.push({ field: 'unitCode', message: '只能以本单位名义撰写信息' });
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

  /** Adds what `staff` may do with each notice: one read of their review steps for the whole page. */
  private async withActions(staff: StaffPrincipal, notices: NoticeRecord[]): Promise<StaffNoticeView[]> {
    const [views, log] = await Promise.all([this.snapshots(notices), this.reviewLog.stepsOf(staff.id, notices.map((n) => n.id))]);
    const corrections = await this.corrections.of(staff, notices, log);
    return views.map((v, i) => ({
      ...v,
      // Staff open a notice's files before it is public (and in the mini-program without a token): signed links.
      bodyHtml: this.attachments.staffBody(v.bodyHtml),
      attachments: v.attachments.map((a) => this.attachments.signed(a)),
      ...noticeActions({ ...notices[i]!, correctionOpen: corrections.has(v.id) }, {
        id: staff.id,
        roles: staff.roles,
        // editorIds are those of the round in review (or being prepared), the one four eyes asks about.
        editedRound: v.editorIds.includes(staff.id),
        log: log.filter((r) => r.noticeId === v.id),
        sameUnit: notices[i]!.unitId === staff.unitId,
      }),
      correction: corrections.get(v.id) ?? null,
    }));
  }

  /** Views of several notices with one query per related table, whatever the page size. */
  private async snapshots(notices: NoticeRecord[], m?: EntityManager): Promise<NoticeSnapshot[]> {
    if (!notices.length) return [];
    const [rel, units] = await Promise.all([this.repo.relations(notices, m), this.units.byIds(notices.map((n) => n.unitId), m)]);
    const unitCode = new Map(units.map((u) => [u.id, u.code]));
    return notices.map((n) => ({
      id: n.id,
      status: n.status,
      title: n.title,
      summary: n.summary,
      categoryCode: rel.categories.get(n.categoryId)!,
      topicCodes: rel.topics.filter((t) => t.noticeId === n.id).map((t) => t.code),
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
      // The audit log keeps the plain links (a signature expires); staff views sign them (withActions).
      attachments: rel.attachments.filter((a) => a.noticeId === n.id).map((a) => this.attachments.publicView(a)),
      authorId: n.authorId,
      publishedAt: n.publishedAt?.toISOString() ?? null,
      viewCount: n.viewCount,
      version: n.version,
      round: n.round,
      editorIds: rel.editors.filter((e) => e.noticeId === n.id && e.round === editingRound(n)).map((e) => e.staffId).sort((a, b) => a - b),
      publishAt: n.publishAt?.toISOString() ?? null,
      authorName: rel.authors.get(n.authorId) ?? '',
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    }));
  }
}

/** The round a notice's edits belong to: the one in review, or in draft/returned the one being prepared. */
export function editingRound(n: Pick<NoticeRecord, 'status' | 'round'>): number {
  return EDITABLE_NOTICE_STATUSES.includes(n.status) ? n.round + 1 : n.round;
}

/** Those who act on notices of every unit; everyone else sees only their own unit's. */
export function seesAllUnits(staff: StaffPrincipal): boolean {
  return may(staff.roles, 'notice.allUnits');
}

/** The uploaded files a notice holds (not its links), from its snapshot. */
function fileIdsOf(notice: NoticeSnapshot): string[] {
  return notice.attachments.flatMap((a) => (a.fileId ? [a.fileId] : []));
}
