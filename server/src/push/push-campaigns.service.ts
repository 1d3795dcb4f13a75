import { Inject, Injectable } from '@nestjs/common';
import {
  AUTO_PUSH_CREATOR,
  PUSH_DELIVERY_STATUSES,
  PUSH_FIELD_SOURCES,
  fitTemplateData,
  pushFieldLabel,
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
  type PushPreviewResponse,
  type PushDryRunView,
} from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor } from '../common/paging/cursor';
import type { AppConfig, PushTemplateConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Db, isDuplicateKey } from '../database/db';
import { AutoPushSettingsRepository } from './auto-push-settings.repository';
import type { PushCampaign } from './entities/push-campaign.entity';
import { PushCampaignsRepository, type AudienceRow } from './push-campaigns.repository';
import { PushTemplates } from './push-templates';

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
    private readonly db: Db,
    private readonly campaigns: PushCampaignsRepository,
    private readonly autoSettings: AutoPushSettingsRepository,
    private readonly templates: PushTemplates,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The exact data each channel would send, with what had to be changed and what cannot be sent,
   * and what staff need to show it as the recipient sees it: the template's title, each keyword's
   * name, and whether tapping it opens the notice.
   */
  async preview(dto: CreatePushRequest): Promise<PushPreviewResponse> {
    await this.db.settled();
    const payloads = await this.fit(this.db.dataSource.manager, dto);
    return {
      channels: payloads.map((p) => {
        const template = this.templates.find(p.channel, p.templateId);
        const fields = Object.entries(template?.fields ?? {}).map(([key, type], i) => ({ key, type, label: pushFieldLabel(key, type, template?.labels, i) }));
        // The worker links a template message to the notice only through the mini-program (push-worker `request`).
        const opensNotice = p.channel === 'subscribe' || this.config.wechat.mini !== null;
        return { ...p, templateName: template?.name ?? p.templateId, fields, opensNotice };
      }),
    };
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
      publishedAt: this.clock.now(),
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
  async createAutomatic(noticeId: number): Promise<AutoPushOutcome> {
    const now = this.clock.now();
    // The setting read inside the transaction, for the caller to know which one did not fit.
    const read: { setting: AutoPushSetting | null } = { setting: null };
    try {
      return await this.db.transaction(async (m): Promise<AutoPushOutcome> => {
        const notice = await this.campaigns.notice(m, noticeId);
        if (!notice || notice.status !== 'published' || notice.disclosure !== 'proactive' || !notice.publishedAt) return { kind: 'not_applicable' };
        const auto = await this.autoSettings.find(m, notice.categoryId);
        if (!auto) return { kind: 'not_applicable' };
        if (notice.publishedAt < auto.since || notice.publishedAt.getTime() < now.getTime() - AUTO_PUSH_WINDOW_MS) return { kind: 'not_applicable' };
        if (await this.campaigns.autoCampaignExists(m, noticeId)) return { kind: 'exists' };
        read.setting = auto.setting;
        const audience: AudienceRow = { kind: 'category', code: notice.categoryCode };
        const dto: CreatePushRequest = { ...auto.setting, noticeId, audience: { kind: 'category', code: notice.categoryCode } };
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

  /** Writes the campaign and one delivery per recipient and channel (inside the caller's transaction); returns how many of each channel, status and reason. */
  private async insert(
    m: EntityManager,
    dto: CreatePushRequest,
    audience: AudienceRow,
    payloads: PushChannelPreview[],
    origin: Pick<PushCampaign, 'createdById' | 'createdByUsername' | 'autoNoticeId'>,
  ): Promise<{ id: number; total: number; counts: Record<string, number> }> {
    const now = this.clock.now();
    // The campaign first: an automatic one that exists already fails here, before any delivery is expanded.
    const campaignId = await this.campaigns.insert(m, {
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
    // Embedded demo without mini-program credentials: demo parents get a stand-in openid, so the dry run records their message.
    const demoOpenids = this.config.demo.enabled && !this.config.wechat.mini;
    for (const channel of [...new Set(dto.channels)]) {
      await this.campaigns.expand(m, campaignId, channel, audience, now, { templateId: dto.templateIds.subscribe, demoOpenids });
    }
    const counts: Record<string, number> = {};
    let total = 0;
    for (const g of await this.campaigns.countsByChannel(m, campaignId)) {
      const key = g.reason ? `${g.channel}:${g.status}:${g.reason}` : `${g.channel}:${g.status}`;
      counts[key] = (counts[key] ?? 0) + g.n;
      total += g.n;
    }
    await this.campaigns.setTotal(m, campaignId, total);
    return { id: campaignId, total, counts };
  }

  async report(id: number): Promise<PushCampaignView> {
    const campaign = await this.campaigns.find(id);
    if (!campaign) throw ApiError.notFound('未找到该推送');
    const noticeTitle = await this.campaigns.noticeTitle(campaign.noticeId);
    const byStatus = Object.fromEntries(PUSH_DELIVERY_STATUSES.map((s) => [s, 0])) as Record<PushDeliveryStatus, number>;
    const failedByReason: PushCampaignView['failedByReason'] = {};
    const skippedByReason: PushCampaignView['skippedByReason'] = {};
    for (const g of await this.campaigns.statusCounts(id)) {
      byStatus[g.status] += g.n;
      if (g.status === 'failed' && g.reason) failedByReason[g.reason] = (failedByReason[g.reason] ?? 0) + g.n;
      if (g.status === 'skipped' && g.reason) skippedByReason[g.reason] = (skippedByReason[g.reason] ?? 0) + g.n;
    }
    const started = campaign.startedAt?.getTime() ?? null;
    const pending = byStatus.queued + byStatus.sending;
    // The last row's update, once nothing is left to send (a finished report is not polled on).
    const last = pending === 0 ? await this.campaigns.lastUpdate(id) : null;
    const total = campaign.total;
    return {
      id: campaign.id,
      noticeId: campaign.noticeId,
      noticeTitle: noticeTitle ?? '',
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
  async dryRun(id: number): Promise<PushDryRunView> {
    if (!(await this.campaigns.exists(id))) throw ApiError.notFound('未找到该推送');
    const rows = await this.campaigns.dryRuns(id);
    return {
      items: rows.map(({ delivery: d, recorded: r }) => ({ deliveryId: d.id, parentId: d.parentId, channel: d.channel, path: r.path, body: r.body as Record<string, unknown>, createdAt: r.createdAt.toISOString() })),
    };
  }

  async deliveries(id: number, query: { status?: string; cursor?: string; limit?: number }): Promise<Page<PushDeliveryView>> {
    if (!(await this.campaigns.exists(id))) throw ApiError.notFound('未找到该推送');
    if (query.status !== undefined && !(PUSH_DELIVERY_STATUSES as readonly string[]).includes(query.status)) throw ApiError.field('status', '状态须为 queued、sending、sent、failed、skipped 或 cancelled');
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
    const after = query.cursor ? decodeCursor(query.cursor, (v): v is [number] => Array.isArray(v) && Number.isInteger(v[0])) : null;
    const rows = await this.campaigns.deliveries(id, { status: query.status, after: after ? after[0] : null, limit: limit + 1 });
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
      const campaign = await this.campaigns.findIn(m, id);
      if (!campaign) throw ApiError.notFound('未找到该推送');
      const cancelled = await this.campaigns.cancel(m, id, this.clock.now());
      await this.audit.record(m, staff, meta, { action: 'push.cancel', entityType: 'push_campaign', entityId: id, before: { status: campaign.status }, after: { status: 'cancelled', cancelled } });
    });
    return this.report(id);
  }

  /** Checks the notice, channels and templates, and fits each channel's data from the mapping. */
  private async fit(m: EntityManager, dto: CreatePushRequest): Promise<PushChannelPreview[]> {
    const notice = await this.campaigns.notice(m, dto.noticeId);
    if (!notice || notice.status !== 'published' || notice.disclosure !== 'proactive') throw ApiError.field('noticeId', '只能推送已发布的主动公开信息');
    const templates = this.templatesOf(dto);
    const sources: FieldSources = {
      title: notice.title,
      summary: notice.summary || notice.title,
      publishedAt: notice.publishedAt ?? this.clock.now(),
      unitName: notice.unitName,
      categoryName: notice.categoryName,
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

  private async checkAudience(m: EntityManager, dto: CreatePushRequest): Promise<AudienceRow> {
    const { kind, code } = dto.audience;
    if (kind === 'all') return { kind, code: null };
    if (!code || !(await this.campaigns.audienceExists(m, kind, code))) throw ApiError.field('audience.code', '推送对象不存在');
    return { kind, code };
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

/** `oAbc****yz`: enough to tell rows apart, not enough to message anyone. */
export function maskOpenid(openid: string | null): string | null {
  if (!openid) return null;
  if (openid.length <= 6) return `${openid.slice(0, 1)}****`;
  return `${openid.slice(0, 4)}****${openid.slice(-2)}`;
}
