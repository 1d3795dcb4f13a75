import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ZoningAttachInput, ZoningRuleInput, ZoningRuleStaffView, ZoningTableState, ZoningTableView } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { StaffNoticesService } from '../../catalog/staff-notices.service';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { Db } from '../../database/db';
import { FilesService } from '../../storage/files.service';
import { findSchool, ruleProblems } from '../import/zoning-validate';
import { writeZoningWorkbook } from '../import/zoning-workbook';
import type { ZoningRuleRow, ZoningTableData } from '../zoning-data';
import { tableEditable } from './table-state';
import { ZoningTablesRepository, type StoredRule, type StoredTableData, type TableRecord } from './zoning-tables.repository';
import { TABLE_NOT_FOUND, ZoningTablesService, ruleView } from './zoning-tables.service';

/** The topic a table's notice must be in (义务教育划片). */
export const ZONING_TOPIC = 'zoning';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A generated workbook is far below this; it only bounds the store. */
const GENERATED_MAX_BYTES = 64 * 1024 * 1024;

export const LOCKED = () => new ApiError(409, 'ZONING_TABLE_LOCKED', '该划片表已提交审核或已发布，不能修改；如需调整，请导入新表并随补充通知发布');
const STALE = () => new ApiError(409, 'CONFLICT', '该划片表已被他人修改，请刷新后再试');
const RULE_NOT_FOUND = () => ApiError.notFound('未找到该条划片规则，可能已被删除');
const NOT_YOUR_NOTICE = (what: string) => ApiError.forbidden(`该划片表已关联的信息不是您可以修改的（只有其作者或可修改各单位信息的人员可以），不能${what}`);

/** The name of the workbook attached to the year's 划片 notice. */
export function attachmentName(year: number): string {
  return `${year}年义务教育学校划片范围.xlsx`;
}

type RuleChange = { kind: 'add'; rule: ZoningRuleRow } | { kind: 'update'; id: number; rule: ZoningRuleRow } | { kind: 'delete'; id: number };

/**
 * Staff changes to a table while it may change (draft, or attached to a notice still being
 * written): single rules added, corrected, deleted; a draft deleted; the table attached to its
 * 划片 notice. Each is conditional on the table's version (optimistic lock). A change of an
 * attached table writes the workbook again and puts it on the notice in the same transaction,
 * so reviewers always read the table as it is.
 */
@Injectable()
export class ZoningEditsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly repo: ZoningTablesRepository,
    private readonly tables: ZoningTablesService,
    private readonly notices: StaffNoticesService,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    // The workbook on a notice still being written leaves it only through attach (or the notice's deletion).
    this.notices.protectGeneratedAttachments(async (m, noticeId) => (await this.repo.tablesOfNotice(m, noticeId)).flatMap((t) => (t.attachmentFileId ? [t.attachmentFileId] : [])), '该附件由关联的划片表生成，不能在此删除或替换；如需调整，请在“学区划片”中修改划片表或取消关联');
  }

  addRule(staff: StaffPrincipal, tableId: number, input: ZoningRuleInput, meta: RequestMeta): Promise<ZoningRuleStaffView> {
    return this.change(staff, meta, tableId, input.tableVersion, (data) => ({ kind: 'add', rule: this.checked(input, data) }));
  }

  async updateRule(staff: StaffPrincipal, ruleId: number, input: ZoningRuleInput, meta: RequestMeta): Promise<ZoningRuleStaffView> {
    const rule = await this.findRule(ruleId);
    return this.change(staff, meta, rule.tableId, input.tableVersion, (data) => ({ kind: 'update', id: ruleId, rule: { ...this.checked(input, data), sourceRow: rule.sourceRow } }));
  }

  async deleteRule(staff: StaffPrincipal, ruleId: number, tableVersion: number, meta: RequestMeta): Promise<void> {
    const rule = await this.findRule(ruleId);
    await this.change(staff, meta, rule.tableId, tableVersion, () => ({ kind: 'delete', id: ruleId }));
  }

  /** Deletes a draft table (not attached, never published); 409 otherwise. */
  async deleteTable(staff: StaffPrincipal, tableId: number, tableVersion: number | undefined, meta: RequestMeta): Promise<void> {
    const { table, state } = await this.current(tableId);
    if (state !== 'draft') throw new ApiError(409, 'ZONING_TABLE_LOCKED', '只能删除未关联通知的草稿划片表');
    const version = tableVersion ?? table.version;
    await this.db.transaction(async (m) => {
      // The version moves on first: the condition that nothing attached or changed it meanwhile.
      if (!(await this.repo.updateIfVersion(m, tableId, version, { updatedAt: this.clock.now() }))) throw STALE();
      await this.repo.deleteTables(m, [tableId]);
      await this.audit.record(m, staff, meta, { action: 'zoning.delete', entityType: 'zoning_table', entityId: tableId, before: { year: table.year, rules: table.ruleCount, sourceName: table.sourceName } });
    });
  }

  /**
   * Attaches the table to its 划片 notice (a draft `staff` may edit, in the 义务教育划片 topic): the
   * workbook “{year}年义务教育学校划片范围.xlsx” becomes the notice's attachment, replacing the one
   * attached before; a table attached to the notice before is detached (one table per notice),
   * and the table leaves a notice it was attached to before. The notice then goes through the
   * review chain; its publication puts the table in effect.
   */
  async attach(staff: StaffPrincipal, tableId: number, input: ZoningAttachInput, meta: RequestMeta): Promise<ZoningTableView> {
    const { table } = await this.editable(tableId, input.tableVersion);
    // Leaving a notice takes its workbook off it: only someone who may edit that notice may do so.
    if (table.noticeId !== null && table.noticeId !== input.noticeId && table.notice) await this.mayEditNotice(staff, table.noticeId, '改为关联其他信息');
    const { topicCodes } = await this.notices.editableForAttachment(staff, input.noticeId);
    if (!topicCodes.includes(ZONING_TOPIC)) throw ApiError.field('noticeId', '划片表只能关联“义务教育划片”专题的信息，请先在信息中选择该专题');
    const data = await this.repo.data(tableId);
    const file = await this.storeWorkbook(staff, data, table.year);
    await this.withFile(file.id, () =>
      this.db.transaction(async (m) => {
        if (!(await this.repo.updateIfVersion(m, tableId, input.tableVersion, { noticeId: input.noticeId, attachmentFileId: file.id, updatedAt: this.clock.now() }))) throw STALE();
        const replaced: (string | null)[] = [table.noticeId === input.noticeId ? table.attachmentFileId : null];
        for (const other of await this.repo.tablesOfNotice(m, input.noticeId)) {
          if (other.id === tableId) continue;
          replaced.push(other.attachmentFileId);
          await this.repo.detach(m, other.id, this.clock.now());
        }
        // Leaving another notice still being written: its copy of the table goes with it (a deleted notice has none).
        if (table.noticeId !== null && table.noticeId !== input.noticeId && table.notice) {
          if (!(await this.notices.replaceGeneratedAttachment(m, staff, meta, table.noticeId, null, [table.attachmentFileId]))) throw LOCKED();
        }
        // Whoever made the table's content changed what reviewers read: its importer and correctors edited this round too (four eyes).
        const editors = [...(table.importedById !== null ? [table.importedById] : []), ...(await this.repo.correctors(m, tableId))];
        if (!(await this.notices.replaceGeneratedAttachment(m, staff, meta, input.noticeId, { id: file.id, name: attachmentName(table.year) }, replaced, editors))) {
          throw new ApiError(409, 'NOTICE_NOT_EDITABLE', '该信息已进入审核或已发布，不能再关联划片表');
        }
        await this.audit.record(m, staff, meta, { action: 'zoning.attach', entityType: 'zoning_table', entityId: tableId, before: { noticeId: table.noticeId }, after: { noticeId: input.noticeId, fileId: file.id } });
      }),
    );
    return this.tables.view(tableId);
  }

  /** The workbook of `data` stored as a pending attachment file of `staff` (claimed by the notice in the caller's transaction). */
  private async storeWorkbook(staff: StaffPrincipal, data: ZoningTableData, year: number): Promise<{ id: string }> {
    const bytes = await writeZoningWorkbook(data, year);
    return this.files.storeBuffer(bytes, { purpose: 'attachment', name: attachmentName(year), contentType: XLSX_TYPE, maxBytes: GENERATED_MAX_BYTES, staffId: staff.id });
  }

  /** Runs `work`; when it fails, the generated file nobody claimed goes at once (not after a day). */
  private async withFile<T>(fileId: string | null, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (fileId) await this.files.discard([fileId]).catch(() => undefined);
      throw error;
    }
  }

  /**
   * One rule changed under the table's version: checked against the table's schools, applied in
   * memory (for the count and an attached table's workbook), then written in one
   * transaction with the version's condition and, when attached, the notice's new attachment.
   */
  private async change(staff: StaffPrincipal, meta: RequestMeta, tableId: number, tableVersion: number, plan: (data: StoredTableData) => RuleChange): Promise<ZoningRuleStaffView> {
    const { table, state } = await this.editable(tableId, tableVersion);
    // Read after the version: a change that commits in between moves the version, and the write below is refused.
    const data = await this.repo.data(tableId);
    const change = plan(data);
    const rules: ZoningRuleRow[] = [...data.rules];
    let before: StoredRule | null = null;
    if (change.kind !== 'add') {
      const at = data.rules.findIndex((r) => r.id === change.id);
      if (at < 0) throw RULE_NOT_FOUND();
      before = data.rules[at]!;
      if (change.kind === 'update') rules[at] = change.rule;
      else rules.splice(at, 1);
    } else rules.push(change.rule);
    const next: ZoningTableData = { ...data, rules };
    const attached = state === 'attached' && table.noticeId !== null && table.notice !== null;
    // The change rewrites the notice's attachment: the notice's edit rights hold, not only zoning.manage.
    if (attached) await this.mayEditNotice(staff, table.noticeId!, '修改其划片规则');
    const file = attached ? await this.storeWorkbook(staff, next, table.year) : null;
    const id = await this.withFile(file?.id ?? null, () =>
      this.db.transaction(async (m) => {
        const columns = { ruleCount: rules.length, updatedAt: this.clock.now(), ...(file ? { attachmentFileId: file.id } : {}) };
        if (!(await this.repo.updateIfVersion(m, tableId, tableVersion, columns))) throw STALE();
        const ruleId = await this.write(m, tableId, change);
        await this.repo.recordCorrector(m, tableId, staff.id);
        if (file && !(await this.notices.replaceGeneratedAttachment(m, staff, meta, table.noticeId!, { id: file.id, name: attachmentName(table.year) }, [table.attachmentFileId]))) {
          throw LOCKED(); // the notice went into review meanwhile
        }
        const action = change.kind === 'add' ? 'zoning.rule_create' : change.kind === 'update' ? 'zoning.rule_update' : 'zoning.rule_delete';
        await this.audit.record(m, staff, meta, { action, entityType: 'zoning_rule', entityId: ruleId, before: before ? ruleView(before) : null, after: change.kind === 'delete' ? null : { tableId, ...change.rule } });
        return ruleId;
      }),
    );
    if (change.kind === 'delete') return ruleView(before!);
    const saved = await this.repo.rule(id);
    return ruleView(saved!);
  }

  /** 403 unless `staff` may edit the notice (catalog's rules); a notice gone into review answers 409 as catalog does. */
  private async mayEditNotice(staff: StaffPrincipal, noticeId: number, what: string): Promise<void> {
    try {
      await this.notices.editableForAttachment(staff, noticeId);
    } catch (error) {
      if (error instanceof ApiError && (error.getStatus() === 403 || error.getStatus() === 404)) throw NOT_YOUR_NOTICE(what);
      throw error;
    }
  }

  private async write(m: EntityManager, tableId: number, change: RuleChange): Promise<number> {
    if (change.kind === 'add') return this.repo.insertRule(m, tableId, change.rule);
    const done = change.kind === 'update' ? await this.repo.updateRule(m, tableId, change.id, change.rule) : await this.repo.deleteRule(m, tableId, change.id);
    if (!done) throw RULE_NOT_FOUND();
    return change.id;
  }

  /** The input checked as an imported row is (ruleProblems), with the school named as 学校信息 spells it. */
  private checked(input: ZoningRuleInput, data: ZoningTableData): ZoningRuleRow {
    const rule: ZoningRuleRow = {
      stage: input.stage,
      school: input.school.trim(),
      town: input.town.trim(),
      village: input.village.trim(),
      compound: input.compound.trim(),
      from: input.from,
      to: input.to,
      parity: input.parity,
      buildingFrom: input.buildingFrom,
      buildingTo: input.buildingTo,
      applicant: input.applicant,
      condition: input.condition?.trim() || null,
      note: input.note?.trim() || null,
      sourceRow: null,
    };
    const problems = ruleProblems(rule, data.schools);
    if (problems.length) throw ApiError.validation(problems, problems[0]!.message);
    return { ...rule, school: findSchool(rule.school, data.schools)!.name };
  }

  private async findRule(id: number): Promise<StoredRule> {
    await this.db.settled();
    const rule = await this.repo.rule(id);
    if (!rule) throw RULE_NOT_FOUND();
    return rule;
  }

  private async current(tableId: number): Promise<{ table: TableRecord; state: ZoningTableState }> {
    await this.db.settled();
    const states = await this.tables.states();
    const table = states.tables.find((t) => t.id === tableId);
    if (!table) throw TABLE_NOT_FOUND();
    return { table, state: states.stateOf(table) };
  }

  /** The table while it may change, at the version the client read (409 ZONING_TABLE_LOCKED / CONFLICT). */
  private async editable(tableId: number, tableVersion: number): Promise<{ table: TableRecord; state: ZoningTableState }> {
    const found = await this.current(tableId);
    if (!tableEditable(found.state)) throw LOCKED();
    if (found.table.version !== tableVersion) throw STALE();
    return found;
  }
}
