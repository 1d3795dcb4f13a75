import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NoticePortalSync, Page, PortalDeliveryView, PortalEndpointSaved, PortalEndpointView, PortalResendResult, PortalSyncCounts, PortalSyncState } from '@gongkai/shared';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../../common/audit/audit.service';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { Clock } from '../../common/clock/clock';
import { READ_COMMITTED } from '../../common/outbox/outbox';
import { ApiError } from '../../common/errors/api-error';
import type { RequestMeta } from '../../common/http/request-meta';
import { decodeCursor, encodeCursor, isIdCursor } from '../../common/paging/cursor';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { Db } from '../../database/db';
import { NoticesService } from '../../catalog/notices.service';
import type { PortalDeliveryStatus } from './entities/portal-delivery.entity';
import type { PortalEndpoint } from './entities/portal-endpoint.entity';
import type { PortalDeliveriesQueryDto, PortalEndpointDto, PortalEndpointUpdateDto } from './dto/portal-endpoint.dto';
import { PortalEndpointsRepository, type EndpointValues } from './portal-endpoints.repository';
import { PortalOutboxRepository, type DeliveryRecord } from './portal-outbox.repository';
import { PortalPushWorker } from './portal-push-worker';

const ENTITY = 'portal_endpoint';
const NOT_FOUND = '未找到该推送端点';
const NO_COUNTS: PortalSyncCounts = { synced: 0, pending: 0, failed: 0 };
const STATUSES: Record<PortalSyncState, readonly PortalDeliveryStatus[]> = { synced: ['delivered'], pending: ['queued', 'sending'], failed: ['failed'] };

/**
 * Admins' portal endpoints (each change audited; the secret never in the audit log, shown only
 * when the server generated it), their sync state per notice, and re-sends.
 */
@Injectable()
export class PortalEndpointsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly endpoints: PortalEndpointsRepository,
    private readonly outbox: PortalOutboxRepository,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
    private readonly worker: PortalPushWorker,
  ) {}

  async list(): Promise<PortalEndpointView[]> {
    const [rows, counts] = await Promise.all([this.endpoints.list(), this.endpoints.counts()]);
    return rows.map((r) => view(r, counts.get(r.id)));
  }

  async create(staff: StaffPrincipal, dto: PortalEndpointDto, meta: RequestMeta): Promise<PortalEndpointSaved> {
    const categories = await this.categories(dto.categories ?? []);
    const generated = dto.secret === undefined ? newSecret() : null;
    const values: EndpointValues = { name: dto.name, url: dto.url, secret: dto.secret ?? generated!, categories, active: dto.active ?? true };
    const row = await this.db.transaction(async (m) => {
      const created = await this.endpoints.insert(m, values, this.clock.now());
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.create`, entityType: ENTITY, entityId: created.id, after: { ...view(created), secretGenerated: generated !== null } });
      return created;
    });
    // A new endpoint starts with every notice public now.
    this.worker.wake();
    return { ...view(row), secret: generated };
  }

  async update(staff: StaffPrincipal, id: number, dto: PortalEndpointUpdateDto, meta: RequestMeta): Promise<PortalEndpointSaved> {
    if (dto.secret !== undefined && dto.generateSecret) throw ApiError.field('secret', '填写了新密钥时不能同时要求生成密钥');
    const categories = dto.categories === undefined ? undefined : await this.categories(dto.categories);
    const generated = dto.generateSecret ? newSecret() : null;
    const secret = dto.secret ?? generated ?? undefined;
    const now = this.clock.now();
    const after = await this.db.transaction(async (m) => {
      const before = await this.found(m, id);
      const set = {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.url !== undefined ? { url: dto.url } : {}),
        ...(categories !== undefined ? { categories } : {}),
        ...(dto.active !== undefined ? { active: dto.active } : {}),
        ...(secret !== undefined ? { secret, secretSetAt: now } : {}),
      };
      const updated = await this.endpoints.update(m, id, set, now);
      // Notices of categories it takes now and never had go there too (changes to come are the fan-out's).
      const backfilled = categories !== undefined ? await this.outbox.backfill(m, id, categories, now, this.retryUntil(now)) : 0;
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.update`, entityType: ENTITY, entityId: id, before: view(before), after: { ...view(updated), secretChanged: secret !== undefined, backfilled } });
      return updated;
    }, READ_COMMITTED);
    // Activated again: catch up at once.
    if (after.active) this.worker.wake();
    const counts = await this.endpoints.counts();
    return { ...view(after, counts.get(id)), secret: generated };
  }

  async remove(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<void> {
    await this.db.transaction(async (m) => {
      const before = await this.found(m, id);
      await this.endpoints.remove(m, id);
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.delete`, entityType: ENTITY, entityId: id, before: view(before) });
    });
  }

  async deliveries(id: number, query: PortalDeliveriesQueryDto): Promise<Page<PortalDeliveryView>> {
    if (!(await this.endpoints.get(id))) throw ApiError.notFound(NOT_FOUND);
    const after = query.cursor ? decodeCursor(query.cursor, isIdCursor) : null;
    const statuses = query.state ? STATUSES[query.state] : [...STATUSES.synced, ...STATUSES.pending, ...STATUSES.failed];
    const rows = await this.outbox.page(id, statuses, after ? after[0] : null, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return { items: page.map(deliveryView), nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }

  async noticeSync(noticeId: number): Promise<NoticePortalSync> {
    if (!(await this.outbox.noticeExists(noticeId))) throw ApiError.notFound('未找到该信息');
    const [endpoints, current] = await Promise.all([this.endpoints.list(), this.outbox.ofNotice(noticeId)]);
    return {
      noticeId,
      endpoints: endpoints.map((e) => {
        const row = current.get(e.id);
        return { endpointId: e.id, endpointName: e.name, active: e.active, delivery: row ? deliveryView(row) : null };
      }),
    };
  }

  /** Queues one notice's latest change again, or every failed one of the endpoint, with fresh attempts and deadline (audited). */
  async resend(staff: StaffPrincipal, id: number, noticeId: number | undefined, meta: RequestMeta): Promise<PortalResendResult> {
    if (!(await this.endpoints.get(id))) throw ApiError.notFound(NOT_FOUND);
    const now = this.clock.now();
    const retryUntil = this.retryUntil(now);
    const requeued = await this.db.transaction(async (m) => {
      const n = noticeId === undefined ? await this.outbox.resendFailed(m, id, now, retryUntil) : await this.outbox.resendOne(m, id, noticeId, now, retryUntil);
      if (n === null) throw ApiError.notFound('此信息没有推送到该端点（不属于其分类，或尚未公开）');
      await this.audit.record(m, staff, meta, { action: `${ENTITY}.resend`, entityType: ENTITY, entityId: id, after: { noticeId: noticeId ?? null, requeued: n } });
      return n;
    }, READ_COMMITTED);
    if (requeued) this.worker.wake();
    return { requeued };
  }

  private retryUntil(now: Date): Date {
    return new Date(now.getTime() + this.config.portal.retryHours * 3600_000);
  }

  private async found(m: EntityManager, id: number): Promise<PortalEndpoint> {
    const row = await this.endpoints.find(m, id);
    if (!row) throw ApiError.notFound(NOT_FOUND);
    return row;
  }

  /** The codes as given, each a category of the 公开目录, without repeats. */
  private async categories(codes: string[]): Promise<string[]> {
    const known = (await this.notices.snapshot()).byCode.categories;
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw ApiError.field('categories', `没有这些分类：${unknown.slice(0, 5).join('、')}`);
    return [...new Set(codes)];
  }
}

/** 32 random bytes, base64url (43 characters). */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function view(row: PortalEndpoint, counts: PortalSyncCounts = NO_COUNTS): PortalEndpointView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    categories: row.categories,
    active: row.active,
    counts,
    secretSetAt: row.secretSetAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function state(status: PortalDeliveryStatus): PortalSyncState {
  return status === 'delivered' ? 'synced' : status === 'failed' ? 'failed' : 'pending';
}

function deliveryView(r: DeliveryRecord): PortalDeliveryView {
  return {
    noticeId: r.noticeId,
    title: r.title ?? '',
    seq: r.seq,
    kind: r.kind,
    state: state(r.status),
    attempts: r.attempts,
    lastStatus: r.lastStatus,
    lastError: r.lastError,
    lastAttemptAt: r.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: r.status === 'queued' ? r.nextAttemptAt.toISOString() : null,
  };
}
