import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AUTO_PUSH_CREATOR,
  PUSH_DELIVERY_STATUSES,
  PUSH_FIELD_SOURCES,
  fitTemplateData,
  type AutoPushSetting,
  type CreatePushRequest,
  type ErrorDetail,
  type Page,
  type PushChannel,
  type PushContent,
  type PushFieldSource,
  type PushCampaignView,
  type PushChannelPreview,
  type PushDeliveryStatus,
  type PushDeliveryView,
  type PushFailureReason,
  type PushPreviewResponse,
} from '@gongkai/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { Category } from '../catalog/entities/category.entity';
import { Notice } from '../catalog/entities/notice.entity';
import { Topic } from '../catalog/entities/topic.entity';
import { Unit } from '../identity/entities/unit.entity';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import type { AppConfig, PushTemplateConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Db, isDuplicateKey } from '../database/db';
import { PushCampaign } from './entities/push-campaign.entity';
import { PushDelivery } from './entities/push-delivery.entity';
import { PushDryRun } from './entities/push-dry-run.entity';
import { PushTemplates } from './push-templates';

type Audience = { kind: CreatePushRequest['audience']['kind']; code: string | null };
/** The values a field mapping can name: a notice's, or stand-ins when a setting is checked without one. */
type FieldSources = Record<PushFieldSource, string | Date>;

const SYSTEM_META: RequestMeta = { ip: null, requestId: null };
/** A notice's automatic campaign is made only this long after it was published (the sweep looks back as far). */
export const AUTO_PUSH_WINDOW_MS = 24 * 3600 * 1000;

/** What became of one attempt at a notice's automatic campaign. */
export type AutoPushOutcome =
  | { kind: 'created'; campaignId: number; total: number }
  /** Not published, not 主动公开, its category has no auto push, or it was published before auto push was on or too long ago. */
  | { kind: 'not_applicable' }
  /** Made already (by this or another instance). */
  | { kind: 'exists' }
  /** The category's setting no longer fits (a template was removed …): nothing was written. */
  | { kind: 'unfit'; problems: ErrorDetail[]; setting: AutoPushSetting };

/** Announcement campaigns: preview, creation (campaign and every delivery in one transaction), report, cancel. */
@Injectable()
export class PushCampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly db: Db,
    private readonly templates: PushTemplates,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The exact data each channel would send, with what had to be changed and what cannot be sent. */
  async preview(dto: CreatePushRequest): Promise<PushPreviewResponse> {
    await this.db.settled();
    return { channels: await this.fit(this.dataSource.manager, dto) };
  }

  async create(staff: StaffPrincipal, dto: CreatePushRequest, meta: RequestMeta): Promise<PushCampaignView> {
    const id = await this.db.transaction(async (m) => {
      const payloads = await this.fit(m, dto);
      assertFits(payloads);
      const audience = await this.checkAudience(m, dto);
      const made = await this.insert(m, dto, audience, payloads, { createdById: staff.id, createdByUsername: staff.username, autoNoticeId: null });
      await this.audit.record(m, staff, meta, {
        action: 'push.create',
        entityType: 'push_campaign',
        entityId: made.id,
        after: { noticeId: dto.noticeId, audience, channels: dto.channels, templateIds: dto.templateIds, total: made.total, counts: made.counts },
      });
      return made.id;
    });
    return this.report(id);
  }

  /**
   * Checks a push setting that has no notice yet (a category's auto push) exactly as a campaign
   * is checked: channels and configured templates, then the mapping fitted to each template from
   * stand-in values of a notice of that category. Throws 400 with the fields under `prefix`;
   * returns the setting as it is to be stored.
   */
  checkContent(content: PushContent, category: { code: string; name: string }, prefix = ''): PushContent {
    const channels = [...new Set(content.channels)];
    const setting: PushContent = { channels, templateIds: { ...content.templateIds }, fieldMapping: { ...content.fieldMapping } };
    const templates = this.templatesOf(setting, prefix);
    const sample: FieldSources = {
      title: `关于做好${category.name}有关工作的通知`,
      summary: `${category.name}有关工作安排`,
      publishedAt: new Date(),
      unitName: '县教育局',
      categoryName: category.name,
      indexNo: `11370725004410339C/${category.code}-2026-00001`,
    };
    assertFits(fitAll(templates, setting.fieldMapping, sample), prefix);
    return setting;
  }

  /**
   * The automatic campaign of a notice published in a category with auto push: the category's
   * subscribers, the category's channels, templates and mapping, made by the system
   * (AUTO_PUSH_CREATOR) and audited. At most one per notice: `auto_notice_id` is unique, so of
   * two instances (or a retried event) the second insert fails and is taken as `exists`. The
   * whole campaign is one transaction, so a setting that no longer fits leaves nothing behind.
   */
  async createAutomatic(noticeId: number, now = new Date()): Promise<AutoPushOutcome> {
    // The setting read inside the transaction, for the caller to know which one did not fit.
    const read: { setting: AutoPushSetting | null } = { setting: null };
    try {
      return await this.db.transaction(async (m): Promise<AutoPushOutcome> => {
        const notice = await m.findOneBy(Notice, { id: noticeId });
        if (!notice || notice.status !== 'published' || notice.disclosure !== 'proactive' || !notice.publishedAt) return { kind: 'not_applicable' };
        const category = await m.findOneBy(Category, { id: notice.categoryId });
        if (!category?.autoPush || !category.autoPushSince) return { kind: 'not_applicable' };
        if (notice.publishedAt < category.autoPushSince || notice.publishedAt.getTime() < now.getTime() - AUTO_PUSH_WINDOW_MS) return { kind: 'not_applicable' };
        if (await m.existsBy(PushCampaign, { autoNoticeId: noticeId })) return { kind: 'exists' };
        read.setting = category.autoPush;
        const audience: Audience = { kind: 'category', code: category.code };
        const dto: CreatePushRequest = { ...category.autoPush, noticeId, audience: { kind: 'category', code: category.code } };
        const payloads = await this.fit(m, dto);
        assertFits(payloads);
        const made = await this.insert(m, dto, audience, payloads, { createdById: null, createdByUsername: AUTO_PUSH_CREATOR, autoNoticeId: noticeId });
        await this.audit.record(m, null, SYSTEM_META, {
          action: 'push.auto_create',
          entityType: 'push_campaign',
          entityId: made.id,
          after: { noticeId, audience, channels: dto.channels, templateIds: dto.templateIds, total: made.total, counts: made.counts, createdBy: AUTO_PUSH_CREATOR },
        });
        return { kind: 'created', campaignId: made.id, total: made.total };
      });
    } catch (error) {
      if (read.setting && error instanceof ApiError && error.getStatus() === 400) {
        return { kind: 'unfit', setting: read.setting, problems: error.details?.length ? error.details : [{ field: '', message: error.message }] };
      }
      if (isDuplicateKey(error)) return { kind: 'exists' };
      throw error;
    }
  }

  /** Writes the campaign and every delivery (inside the caller's transaction). */
  private async insert(
    m: EntityManager,
    dto: CreatePushRequest,
    audience: Audience,
    payloads: PushChannelPreview[],
    origin: Pick<PushCampaign, 'createdById' | 'createdByUsername' | 'autoNoticeId'>,
  ): Promise<{ id: number; total: number; counts: Record<string, number> }> {
    const now = new Date();
    // The campaign first: an automatic one that exists already fails here, before any delivery is expanded.
    const inserted = await m.insert(PushCampaign, {
      noticeId: dto.noticeId,
      audienceKind: audience.kind,
      audienceCode: audience.code,
      channels: dto.channels,
      fieldMapping: dto.fieldMapping,
      payloads,
      status: 'active',
      total: 0,
      ...origin,
      createdAt: now,
    });
    const campaignId = Number(inserted.identifiers[0]!.id);
    const { total, counts } = await this.expand(m, campaignId, dto, audience, now);
    await m.update(PushCampaign, { id: campaignId }, { total });
    return { id: campaignId, total, counts };
  }

  async report(id: number): Promise<PushCampaignView> {
    await this.db.settled();
    const campaign = await this.dataSource.getRepository(PushCampaign).findOneBy({ id });
    if (!campaign) throw ApiError.notFound('未找到该推送');
    const notice = await this.dataSource.getRepository(Notice).findOne({ where: { id: campaign.noticeId }, select: { id: true, title: true } });
    // From the (campaign_id, status, reason) index alone: the live report polls a campaign of up to 100,000 rows.
    const groups = await this.dataSource
      .getRepository(PushDelivery)
      .createQueryBuilder('d')
      .select('d.status', 'status')
      .addSelect('d.reason', 'reason')
      .addSelect('COUNT(*)', 'n')
      .where('d.campaign_id = :id', { id })
      .groupBy('d.status')
      .addGroupBy('d.reason')
      .getRawMany<{ status: PushDeliveryStatus; reason: PushFailureReason | null; n: string | number }>();
    const byStatus = Object.fromEntries(PUSH_DELIVERY_STATUSES.map((s) => [s, 0])) as Record<PushDeliveryStatus, number>;
    const failedByReason: PushCampaignView['failedByReason'] = {};
    const skippedByReason: PushCampaignView['skippedByReason'] = {};
    for (const g of groups) {
      const n = Number(g.n);
      byStatus[g.status] += n;
      if (g.status === 'failed' && g.reason) failedByReason[g.reason] = (failedByReason[g.reason] ?? 0) + n;
      if (g.status === 'skipped' && g.reason) skippedByReason[g.reason] = (skippedByReason[g.reason] ?? 0) + n;
    }
    const started = campaign.startedAt?.getTime() ?? null;
    // The last row's update, once nothing is left to send (a finished report is not polled on).
    let last: number | null = null;
    if (byStatus.queued + byStatus.sending === 0) {
      const row = await this.dataSource.getRepository(PushDelivery).createQueryBuilder('d').select('MAX(d.updated_at)', 'last').where('d.campaign_id = :id', { id }).getRawOne<{ last: string | Date | null }>();
      last = instant(row?.last ?? null);
    }
    const total = campaign.total;
    const pending = byStatus.queued + byStatus.sending;
    return {
      id: campaign.id,
      noticeId: campaign.noticeId,
      noticeTitle: notice?.title ?? '',
      audience: campaign.audienceCode ? { kind: campaign.audienceKind, code: campaign.audienceCode } : { kind: campaign.audienceKind },
      channels: campaign.channels,
      templateIds: Object.fromEntries(campaign.payloads.map((p) => [p.channel, p.templateId])),
      status: campaign.status,
      createdAt: campaign.createdAt.toISOString(),
      createdBy: campaign.createdByUsername,
      total,
      byStatus,
      failedByReason,
      skippedByReason,
      progress: total === 0 ? 1 : (total - pending) / total,
      startedAt: started === null ? null : new Date(started).toISOString(),
      finishedAt: pending === 0 && last !== null ? new Date(last).toISOString() : null,
    };
  }

  /** The recorded requests of the campaign's dry-run deliveries (sent while WeChat credentials are absent). */
  async dryRun(id: number): Promise<{ items: { deliveryId: number; parentId: number; channel: string; path: string; body: object; createdAt: string }[] }> {
    await this.db.settled();
    if (!(await this.dataSource.getRepository(PushCampaign).existsBy({ id }))) throw ApiError.notFound('未找到该推送');
    const deliveries = await this.dataSource.getRepository(PushDelivery).find({ select: { id: true, parentId: true, channel: true }, where: { campaignId: id, dryRun: true }, order: { id: 'ASC' }, take: 500 });
    const recorded = deliveries.length ? await this.dataSource.getRepository(PushDryRun).findBy({ deliveryId: In(deliveries.map((d) => d.id)) }) : [];
    const byId = new Map(recorded.map((r) => [r.deliveryId, r]));
    return {
      items: deliveries.flatMap((d) => {
        const r = byId.get(d.id);
        return r ? [{ deliveryId: d.id, parentId: d.parentId, channel: d.channel, path: r.path, body: r.body, createdAt: r.createdAt.toISOString() }] : [];
      }),
    };
  }

  async deliveries(id: number, query: { status?: string; cursor?: string; limit?: number }): Promise<Page<PushDeliveryView>> {
    await this.db.settled();
    if (!(await this.dataSource.getRepository(PushCampaign).existsBy({ id }))) throw ApiError.notFound('未找到该推送');
    if (query.status !== undefined && !(PUSH_DELIVERY_STATUSES as readonly string[]).includes(query.status)) throw ApiError.field('status', '状态须为 queued、sending、sent、failed、skipped 或 cancelled');
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const after = query.cursor ? decodeCursor(query.cursor, (v): v is [number] => Array.isArray(v) && Number.isInteger(v[0])) : null;
    const qb = this.dataSource.getRepository(PushDelivery).createQueryBuilder('d').where('d.campaign_id = :id', { id });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (after) qb.andWhere('d.id > :after', { after: after[0] });
    const rows = await qb.orderBy('d.id', 'ASC').take(limit + 1).getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map((d) => ({
        id: d.id,
        parentId: d.parentId,
        channel: d.channel,
        openid: maskOpenid(d.openid),
        status: d.status,
        reason: d.reason,
        attempts: d.attempts,
        lastErrorCode: d.lastErrorCode,
        sentAt: d.sentAt?.toISOString() ?? null,
        dryRun: d.dryRun,
        jobStatus: d.jobStatus,
      })),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  }

  /** Queued deliveries become cancelled; those being sent finish, sent ones stay sent. */
  async cancel(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<PushCampaignView> {
    await this.db.transaction(async (m) => {
      const campaign = await m.findOneBy(PushCampaign, { id });
      if (!campaign) throw ApiError.notFound('未找到该推送');
      const now = new Date();
      const result = await m.update(PushDelivery, { campaignId: id, status: 'queued' }, { status: 'cancelled', updatedAt: now });
      await m.update(PushCampaign, { id }, { status: 'cancelled' });
      await this.audit.record(m, staff, meta, { action: 'push.cancel', entityType: 'push_campaign', entityId: id, before: { status: campaign.status }, after: { status: 'cancelled', cancelled: result.affected ?? 0 } });
    });
    return this.report(id);
  }

  /** Checks the notice, channels and templates, and fits each channel's data from the mapping. */
  private async fit(m: EntityManager, dto: CreatePushRequest): Promise<PushChannelPreview[]> {
    const notice = await m.findOneBy(Notice, { id: dto.noticeId });
    if (!notice || notice.status !== 'published' || notice.disclosure !== 'proactive') throw ApiError.field('noticeId', '只能推送已发布的主动公开信息');
    const templates = this.templatesOf(dto);
    const [category, unit] = await Promise.all([m.findOneBy(Category, { id: notice.categoryId }), m.findOneBy(Unit, { id: notice.unitId })]);
    const sources: FieldSources = {
      title: notice.title,
      summary: notice.summary || notice.title,
      publishedAt: notice.publishedAt ?? new Date(),
      unitName: unit?.name ?? '',
      categoryName: category?.name ?? '',
      indexNo: notice.indexNo ?? '',
    };
    return fitAll(templates, dto.fieldMapping, sources);
  }

  /** The configured template of each chosen channel; refuses templates of channels not chosen, unconfigured templates and bad mapping values. */
  private templatesOf(content: PushContent, prefix = ''): { channel: PushChannel; template: PushTemplateConfig }[] {
    const at = (field: string) => (prefix ? `${prefix}.${field}` : field);
    const channels = [...new Set(content.channels)];
    const problems: ErrorDetail[] = [];
    for (const key of Object.keys(content.templateIds)) if (!channels.includes(key as never)) problems.push({ field: at(`templateIds.${key}`), message: `未选择的渠道：${key}` });
    for (const [key, source] of Object.entries(content.fieldMapping)) {
      if (typeof source !== 'string' || source.length > 200) problems.push({ field: at(`fieldMapping.${key}`), message: '字段来源须为不超过 200 字的文字' });
    }
    const templates = channels.flatMap((channel) => {
      const template = this.templates.find(channel, content.templateIds[channel]);
      if (template) return [{ channel, template }];
      problems.push({ field: at(`templateIds.${channel}`), message: `未配置的模板：${content.templateIds[channel] ?? '（未指定）'}` });
      return [];
    });
    if (problems.length) throw ApiError.validation(problems);
    return templates;
  }

  private async checkAudience(m: EntityManager, dto: CreatePushRequest): Promise<Audience> {
    const { kind, code } = dto.audience;
    if (kind === 'all') return { kind, code: null };
    const entity = kind === 'category' ? Category : kind === 'topic' ? Topic : Unit;
    if (!code || !(await m.existsBy(entity, { code }))) throw ApiError.field('audience.code', '推送对象不存在');
    return { kind, code };
  }

  /**
   * One delivery per recipient and channel, written by the database itself (INSERT … SELECT per
   * channel: 100,000 rows in a fraction of the time building them here took); those that cannot be
   * sent are skipped with the reason. Returns how many of each channel, status and reason.
   */
  private async expand(m: EntityManager, campaignId: number, dto: CreatePushRequest, audience: Audience, now: Date): Promise<{ total: number; counts: Record<string, number> }> {
    const audienceSql =
      audience.kind === 'all'
        ? { join: '', where: 'WHERE p.openid IS NOT NULL' }
        : { join: 'JOIN push_subscription s ON s.parent_id = p.id AND s.target_kind = :kind AND s.target_code = :code', where: '' };
    const params: Record<string, unknown> = { campaignId, now, kind: audience.kind, code: audience.code };
    const columns = 'campaign_id, parent_id, channel, openid, status, reason, attempts, next_attempt_at, dry_run, updated_at';
    for (const channel of [...new Set(dto.channels)]) {
      if (channel === 'subscribe') {
        // Embedded demo without mini-program credentials: demo parents get a stand-in openid, so the dry run records their message.
        const demoOpenid = this.config.demo.enabled && !this.config.wechat.mini ? (this.db.sqlite ? "'demo-parent-' || p.id" : "CONCAT('demo-parent-', p.id)") : 'NULL';
        const openid = `COALESCE(p.openid, CASE WHEN p.demo = 1 THEN ${demoOpenid} END)`;
        await this.db.query(
          m,
          `INSERT INTO push_delivery (${columns})
           SELECT :campaignId, p.id, 'subscribe', ${openid},
             CASE WHEN ${openid} IS NULL OR q.parent_id IS NULL THEN 'skipped' ELSE 'queued' END,
             CASE WHEN ${openid} IS NULL THEN 'no_openid' WHEN q.parent_id IS NULL THEN 'no_quota' END,
             0, :now, 0, :now
           FROM parent_account p ${audienceSql.join}
           LEFT JOIN push_quota q ON q.parent_id = p.id AND q.template_id = :templateId AND q.remaining > 0
           ${audienceSql.where} ORDER BY p.id`,
          { ...params, templateId: dto.templateIds.subscribe },
        );
      } else {
        // A parent reaches the official account through the follower with the same unionid (the latest, should there be two).
        const follower = 'SELECT f.openid FROM oa_follower f WHERE f.unionid = p.unionid AND f.followed = 1 ORDER BY f.followed_at DESC LIMIT 1';
        await this.db.query(
          m,
          `INSERT INTO push_delivery (${columns})
           SELECT :campaignId, x.id, 'template', x.openid,
             CASE WHEN x.openid IS NULL THEN 'skipped' ELSE 'queued' END, CASE WHEN x.openid IS NULL THEN 'not_following' END,
             0, :now, 0, :now
           FROM (SELECT p.id, (${follower}) AS openid FROM parent_account p ${audienceSql.join} ${audienceSql.where}) x ORDER BY x.id`,
          params,
        );
      }
    }
    const groups = await m
      .createQueryBuilder()
      .select('d.channel', 'channel')
      .addSelect('d.status', 'status')
      .addSelect('d.reason', 'reason')
      .addSelect('COUNT(*)', 'n')
      .from(PushDelivery, 'd')
      .where('d.campaign_id = :campaignId', { campaignId })
      .groupBy('d.channel')
      .addGroupBy('d.status')
      .addGroupBy('d.reason')
      .getRawMany<{ channel: string; status: string; reason: string | null; n: number | string }>();
    const counts: Record<string, number> = {};
    let total = 0;
    for (const g of groups) {
      const key = g.reason ? `${g.channel}:${g.status}:${g.reason}` : `${g.channel}:${g.status}`;
      counts[key] = (counts[key] ?? 0) + Number(g.n);
      total += Number(g.n);
    }
    return { total, counts };
  }
}

/** Each channel's data as it will be sent, fitted from the mapping, with what had to change and what cannot be sent. */
function fitAll(templates: { channel: PushChannel; template: PushTemplateConfig }[], mapping: Record<string, string>, sources: FieldSources): PushChannelPreview[] {
  return templates.map(({ channel, template }) => {
    const values: Record<string, string | Date> = {};
    for (const key of Object.keys(template.fields)) {
      const source = mapping[key];
      if (source === undefined) continue;
      values[key] = (PUSH_FIELD_SOURCES as readonly string[]).includes(source) ? sources[source as PushFieldSource] : source;
    }
    const fields = Object.entries(template.fields).map(([key, type]) => ({ key, type }));
    const fitted = fitTemplateData(fields, values, { channel });
    for (const key of Object.keys(template.fields)) if (mapping[key] === undefined) fitted.problems.push({ key, message: '未指定该字段的内容' });
    return { channel, templateId: template.id, data: fitted.data, changed: fitted.changed, problems: fitted.problems };
  });
}

/** Refuses a campaign (or setting) while any channel has a field that cannot be sent. */
function assertFits(payloads: PushChannelPreview[], prefix = ''): void {
  const problems = payloads.flatMap((p) => p.problems.map((x) => ({ field: `${prefix ? `${prefix}.` : ''}fieldMapping.${x.key}`, message: `${p.channel}：${x.message}` })));
  if (problems.length) throw ApiError.validation(problems, '推送内容不符合模板要求');
}


function instant(value: string | Date | null): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  // SQLite returns the stored text (UTC, no zone).
  const t = new Date(/Z|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`).getTime();
  return Number.isNaN(t) ? null : t;
}

/** `oAbc****yz`: enough to tell rows apart, not enough to message anyone. */
export function maskOpenid(openid: string | null): string | null {
  if (!openid) return null;
  if (openid.length <= 6) return `${openid.slice(0, 1)}****`;
  return `${openid.slice(0, 4)}****${openid.slice(-2)}`;
}
