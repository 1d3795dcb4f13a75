import { Injectable, Logger } from '@nestjs/common';

/** Events of the application and their payloads. Emitted after the transaction that caused them commits. */
export interface AppEvents {
  'notice.published': { noticeId: number; publishedAt: string; scheduled: boolean };
  'notice.withdrawn': { noticeId: number; reason: string };
  /** A row of the change log committed: a publication, correction (updated) or withdrawal. */
  'notice.changed': { noticeId: number; seq: number; kind: 'published' | 'updated' | 'withdrawn' };
  /** WeChat reported the delivery of a template message (TEMPLATESENDJOBFINISH), once per msgId. */
  'wechat.template_job_finished': { msgId: string; status: string };
  /** Staff replaced a year's holidays and make-up days (deadlines in it may change, flagged ones may be settled). */
  'calendar.changed': { year: number; complete: boolean };
  /** A 依申请公开 request took a step that the applicant is told of (its notice waits in the timeline's outbox). */
  'disclosure.applicant_notice': { requestId: number };
}

export type AppEventName = keyof AppEvents;
type Handler<K extends AppEventName> = (payload: AppEvents[K]) => void | Promise<void>;

/**
 * A tiny typed in-process event bus. Handlers run after `emit` returns (on a microtask), one
 * failing handler is logged and does not stop the others or the emitter. In-process only: with
 * several instances, each instance's subscribers see the events that instance caused.
 */
@Injectable()
export class EventBus {
  private readonly logger = new Logger(EventBus.name);
  private readonly handlers = new Map<AppEventName, Set<Handler<never>>>();

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends AppEventName>(name: K, handler: Handler<K>): () => void {
    const set = this.handlers.get(name) ?? new Set();
    set.add(handler as Handler<never>);
    this.handlers.set(name, set);
    return () => void set.delete(handler as Handler<never>);
  }

  emit<K extends AppEventName>(name: K, payload: AppEvents[K]): void {
    for (const handler of [...(this.handlers.get(name) ?? [])] as Handler<K>[]) {
      queueMicrotask(() => {
        Promise.resolve()
          .then(() => handler(payload))
          .catch((error: unknown) => this.logger.error(`handler of ${name} failed: ${String(error)}`));
      });
    }
  }
}
