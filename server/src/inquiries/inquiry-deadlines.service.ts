import { Injectable, OnModuleInit } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { AuditService } from '../common/audit/audit.service';
import { EventBus } from '../common/events/event-bus';
import { Db } from '../database/db';
import { InquiriesRepository } from './inquiries.repository';

/**
 * Deadlines counted through a year without calendar data are flagged; when staff enter that
 * year (`calendar.changed`), the open ones are counted again.
 */
@Injectable()
export class InquiryDeadlines implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly repo: InquiriesRepository,
    private readonly calendar: CalendarService,
    private readonly audit: AuditService,
    private readonly events: EventBus,
  ) {}

  onModuleInit(): void {
    this.events.on('calendar.changed', async () => void (await this.recomputeFlagged()));
  }

  /** Recounts the deadlines of open inquiries flagged for a year without calendar data, each in its own transaction. */
  async recomputeFlagged(): Promise<number> {
    let changed = 0;
    for (const i of await this.repo.flaggedOpen()) {
      const d = this.calendar.deadline(i.deadlineFrom, i.workingDays);
      if (d.dueDate === i.dueDate && d.flagged === i.flagged) continue;
      await this.db.transaction(async (m) => {
        await this.repo.setDeadline(m, i.id, d);
        await this.audit.record(m, null, { ip: null, requestId: null }, { action: 'inquiry.deadline_recomputed', entityType: 'inquiry', entityId: i.id, before: { dueDate: i.dueDate, flagged: i.flagged }, after: { dueDate: d.dueDate, flagged: d.flagged } });
      });
      changed++;
    }
    return changed;
  }
}
