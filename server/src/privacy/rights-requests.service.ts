import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  RIGHTS_REQUEST_KIND_LABELS,
  RIGHTS_REQUEST_STATUS_LABELS,
  RIGHTS_REQUEST_WORKING_DAYS,
  shanghaiDate,
  type CreateRightsRequest,
  type Page,
  type RightsRequestReply,
  type RightsRequestStatus,
  type RightsRequestView,
  type StaffRightsRequestView,
} from '@gongkai/shared';
import { CalendarService } from '../calendar/calendar.service';
import { AuditService } from '../common/audit/audit.service';
import type { StaffPrincipal } from '../common/auth/staff-principal';
import { Clock } from '../common/clock/clock';
import { EventBus } from '../common/events/event-bus';
import { ApiError } from '../common/errors/api-error';
import type { RequestMeta } from '../common/http/request-meta';
import { decodeCursor, encodeCursor, isIdCursor } from '../common/paging/cursor';
import { Db, isDuplicateKey } from '../database/db';
import type { PrivacyRightsRequest } from './entities/privacy-rights-request.entity';
import { PersonalDataAccessLog } from './personal-data-access-log';
import { PersonalDataRegistry } from './personal-data-registry';
import { RightsRequestsRepository } from './rights-requests.repository';

/** Pending requests one parent may have at a time. */
export const RIGHTS_REQUESTS_PENDING_MAX = 5;
/** Characters of a request's content the staff list shows; the whole text is in the detail, whose reading is recorded. */
export const LIST_EXCERPT = 30;
const PURPOSE = '办理个人信息权利申请';

const notFound = () => ApiError.notFound('未找到该申请');

/**
 * Parents' requests to exercise their rights over their personal information (PIPL art. 44–50):
 * filed by the parent, answered by staff holding `privacy.rightsRequests` within 15 working days
 * on the official calendar. Staff opening a request is a personal-data read (access log).
 */
@Injectable()
export class RightsRequestsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly repo: RightsRequestsRepository,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly access: PersonalDataAccessLog,
    private readonly registry: PersonalDataRegistry,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.on('calendar.changed', async () => void (await this.recountPending()));
  }

  /**
   * Staff changed a year's holidays: the pending requests' due dates are counted again (one filed
   * in late December counts into a year whose calendar may only now be entered). Audited per change.
   */
  async recountPending(): Promise<number> {
    let changed = 0;
    for (const r of await this.repo.pending()) {
      const dueDate = this.calendar.deadline(r.receivedAt, RIGHTS_REQUEST_WORKING_DAYS).dueDate;
      if (dueDate === r.dueDate) continue;
      const moved = await this.db.transaction(async (m) => {
        if (!(await this.repo.setDueDate(m, r.id, r.dueDate, dueDate))) return false;
        await this.audit.record(m, null, { ip: null, requestId: null }, { action: 'privacy.rights_request.due_recounted', entityType: 'privacy_rights_request', entityId: r.id, before: { dueDate: r.dueDate }, after: { dueDate } });
        return true;
      });
      if (moved) changed++;
    }
    return changed;
  }

  async create(parentId: number, dto: CreateRightsRequest): Promise<RightsRequestView> {
    // The unique (parent_id, pending_slot) index is the cap: a slot taken meanwhile by a parallel
    // request fails the insert, and the next free one is tried.
    for (let attempt = 0; attempt < 2 * RIGHTS_REQUESTS_PENDING_MAX; attempt++) {
      const taken = new Set(await this.repo.pendingSlots(parentId));
      const free = Array.from({ length: RIGHTS_REQUESTS_PENDING_MAX }, (_, i) => i + 1).filter((s) => !taken.has(s));
      if (!free.length) break;
      // Any free slot will do; a random one makes parallel requests collide less.
      const slot = free[Math.floor(Math.random() * free.length)]!;
      const now = this.clock.now();
      try {
        const id = await this.repo.insert({
          parentId,
          kind: dto.kind,
          content: dto.content,
          status: 'pending',
          pendingSlot: slot,
          receivedAt: now,
          dueDate: this.calendar.deadline(now, RIGHTS_REQUEST_WORKING_DAYS).dueDate,
          reply: null,
          repliedAt: null,
          handledById: null,
          handledByName: null,
        });
        return parentView((await this.repo.find(id))!);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    }
    throw new ApiError(409, 'RIGHTS_REQUESTS_PENDING', `您已有 ${RIGHTS_REQUESTS_PENDING_MAX} 件申请正在办理，请等办结后再提交`);
  }

  async listOfParent(parentId: number): Promise<RightsRequestView[]> {
    await this.db.settled();
    return (await this.repo.ofParent(parentId)).map(parentView);
  }

  async list(query: { status?: RightsRequestStatus; cursor?: string; limit: number }): Promise<Page<StaffRightsRequestView>> {
    await this.db.settled();
    const before = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : undefined;
    const rows = await this.repo.page({ status: query.status, beforeId: before, take: query.limit + 1 });
    const page = rows.slice(0, query.limit);
    const names = await this.parentNames(page.map((r) => r.parentId));
    return {
      items: page.map((r) => {
        const view = this.staffView(r, names);
        const chars = [...view.content];
        return { ...view, content: chars.length > LIST_EXCERPT ? `${chars.slice(0, LIST_EXCERPT).join('')}…` : view.content };
      }),
      nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  }

  /** The whole request: recorded as staff reading the parent's personal data. */
  async detail(staff: StaffPrincipal, id: number, meta: RequestMeta): Promise<StaffRightsRequestView> {
    await this.db.settled();
    const row = await this.repo.find(id);
    if (!row) throw notFound();
    await this.access.record(null, staff, meta, { action: 'view', entityType: 'privacy_rights_request', entityId: id, parentId: row.parentId, fields: ['content'], purpose: PURPOSE });
    return this.staffView(row, await this.parentNames([row.parentId]));
  }

  /** Answers once (done or refused, with the reply the parent reads); audited. */
  async reply(staff: StaffPrincipal, id: number, dto: RightsRequestReply, meta: RequestMeta): Promise<StaffRightsRequestView> {
    const row = await this.db.transaction(async (m) => {
      const found = await this.repo.find(id, m);
      if (!found) throw notFound();
      const now = this.clock.now();
      const answered = await this.repo.answer(m, id, { status: dto.status, reply: dto.reply, repliedAt: now, handledById: staff.id, handledByName: staff.username });
      if (!answered) throw new ApiError(409, 'RIGHTS_REQUEST_ANSWERED', '该申请已经答复，不能再次答复');
      await this.audit.record(m, staff, meta, { action: 'privacy.rights_request.reply', entityType: 'privacy_rights_request', entityId: id, before: { status: found.status }, after: { status: dto.status } });
      return (await this.repo.find(id, m))!;
    });
    return this.staffView(row, await this.parentNames([row.parentId]));
  }

  /** Identity's names for the parents (privacy sits below identity: asked through the registry). */
  private async parentNames(ids: number[]): Promise<Map<number, string>> {
    const unique = [...new Set(ids)];
    for (const provider of this.registry.all()) if (provider.parentNames && unique.length) return provider.parentNames(unique);
    return new Map();
  }

  private staffView(r: PrivacyRightsRequest, names: Map<number, string>): StaffRightsRequestView {
    return {
      ...parentView(r),
      parentId: r.parentId,
      parentName: names.get(r.parentId) ?? `家长 ${r.parentId}`,
      overdue: r.status === 'pending' && shanghaiDate(this.clock.now()) > r.dueDate,
      handledBy: r.handledByName,
    };
  }
}

export function parentView(r: PrivacyRightsRequest): RightsRequestView {
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: RIGHTS_REQUEST_KIND_LABELS[r.kind],
    content: r.content,
    status: r.status,
    statusLabel: RIGHTS_REQUEST_STATUS_LABELS[r.status],
    receivedAt: r.receivedAt.toISOString(),
    dueDate: r.dueDate,
    reply: r.reply,
    repliedAt: r.repliedAt?.toISOString() ?? null,
  };
}
