import { Injectable } from '@nestjs/common';
import {
  INQUIRY_ACTION_LABELS,
  INQUIRY_PARENT_STATUS_LABELS,
  INQUIRY_RATING_LABELS,
  inquiryRefusal,
  inquiryTransition,
  parentInquiryStatus,
  type Page,
  type ParentInquiryListItem,
  type ParentInquiryView,
} from '@gongkai/shared';
import { CalendarService } from '../calendar/calendar.service';
import type { ParentPrincipal } from '../common/auth/parent-auth.guard';
import { Clock } from '../common/clock/clock';
import { decodeCursor, encodeCursor, isIdCursor } from '../common/paging/cursor';
import { Db } from '../database/db';
import type { RateInquiryDto, ReopenInquiryDto } from './dto/inquiry.dto';
import type { Inquiry } from './entities/inquiry.entity';
import { InquiriesRepository } from './inquiries.repository';
import { notFound, refusalError, stale, type InquiryStep } from './inquiry-access';
import { InquiryViews, dueAtIso } from './inquiry-views.service';

/**
 * The parent's side: their own inquiries (list and detail), the rating that closes one and the
 * one reopen after 不满意. Rate and reopen are steps of the inquiry state machine, as staff
 * actions are; the parent owns the row, so the state machine's actor is 'parent'.
 */
@Injectable()
export class ParentInquiriesService {
  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly views: InquiryViews,
    private readonly calendar: CalendarService,
    private readonly clock: Clock,
  ) {}

  async list(parent: ParentPrincipal, query: { cursor?: string; limit: number }): Promise<Page<ParentInquiryListItem>> {
    await this.db.settled();
    const before = query.cursor ? decodeCursor(query.cursor, isIdCursor)[0] : null;
    const rows = await this.repo.parentPage(parent.id, before, query.limit + 1);
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((i) => ({
        id: i.id,
        trackingNo: i.trackingNo,
        kind: i.kind,
        subject: i.subject,
        status: parentInquiryStatus(i.status),
        statusLabel: INQUIRY_PARENT_STATUS_LABELS[i.status],
        createdAt: i.receivedAt.toISOString(),
        dueAt: dueAtIso(i),
        replied: i.replyText !== null,
      })),
      nextCursor: rows.length > query.limit ? encodeCursor([page[page.length - 1]!.id]) : null,
    };
  }

  view(parent: ParentPrincipal, id: number): Promise<ParentInquiryView> {
    return this.views.parentView(parent, id);
  }

  rate(parent: ParentPrincipal, id: number, dto: RateInquiryDto): Promise<ParentInquiryView> {
    return this.act(parent, id, 'rate', (_i, now) => {
      const comment = dto.comment?.trim() || null;
      return {
        set: { rating: dto.rating, ratingComment: comment, ratedAt: now },
        events: [{ action: 'rate', label: `评价：${INQUIRY_RATING_LABELS[dto.rating]}`, text: comment, parentVisible: true }],
      };
    });
  }

  reopen(parent: ParentPrincipal, id: number, dto: ReopenInquiryDto): Promise<ParentInquiryView> {
    return this.act(parent, id, 'reopen', (i, now) => {
      // A new deadline, counted from the reopen; the earlier answer stays in the timeline.
      const deadline = this.calendar.deadline(now, i.workingDays);
      return {
        set: {
          reopenCount: i.reopenCount + 1,
          deadlineFrom: now,
          dueAt: deadline.dueAt,
          dueDate: deadline.dueDate,
          skipped: deadline.skipped,
          flagged: deadline.flagged,
          replyText: null,
          repliedAt: null,
          replyUnitId: null,
          rating: null,
          ratingComment: null,
          ratedAt: null,
        },
        events: [{ action: 'reopen', label: INQUIRY_ACTION_LABELS.reopen, text: dto.reason, parentVisible: true }],
      };
    });
  }

  /** One parent step in one transaction: their own inquiry, allowed by the state machine (with the reopen's rating and count), a conditional update, the timeline. */
  private act(parent: ParentPrincipal, id: number, action: 'rate' | 'reopen', plan: (i: Inquiry, now: Date) => InquiryStep): Promise<ParentInquiryView> {
    return this.db.transaction(async (m) => {
      const i = await this.repo.find(id, m);
      if (!i || i.parentId !== parent.id) throw notFound();
      const refused = inquiryRefusal(i.status, action, i.kind, ['parent'], { rating: i.rating, reopenCount: i.reopenCount });
      if (refused) throw refusalError(refused);
      const to = inquiryTransition(i.status, action, i.kind)!.to;
      const now = this.clock.now();
      const step = plan(i, now);
      if (!(await this.repo.update(m, id, i.version, { ...step.set, status: to }, now))) throw stale();
      for (const e of step.events) await this.repo.appendEvent(m, { inquiryId: id, ...e, actorId: null, actorName: null, createdAt: now });
      return this.views.parentView(parent, id, m);
    });
  }
}
