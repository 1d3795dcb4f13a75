import type { FakeReply } from '../fake-http-server';
import { wechatError } from './errors';

export type ContentSuggest = 'pass' | 'review' | 'risky';

/** WeChat's labels: 100 normal, 10001 ad, 20001 时政, 20002 色情, 20003 辱骂, 20006 违法犯罪, 20008 欺诈, 20012 低俗, 20013 版权, 21000 other. */
const DEFAULT_LABEL: Record<ContentSuggest, number> = { pass: 100, review: 21000, risky: 20006 };

/**
 * `POST /wxa/msg_sec_check` (version 2): verdicts scripted by tests, per substring of the content
 * (first match wins) or for the next calls in order (those come first); anything else passes.
 * Checks the request as WeChat does: content ≤ 2,500 characters, version 2, scene 1–4, an openid.
 */
export class ContentChecks {
  private readonly rules: { substring: string; suggest: ContentSuggest; label: number }[] = [];
  private readonly queue: { suggest: ContentSuggest; label: number }[] = [];
  /** The contents checked, oldest first. */
  readonly checked: { openid: string; content: string; scene: number }[] = [];

  whenContains(substring: string, suggest: ContentSuggest, label = DEFAULT_LABEL[suggest]): void {
    this.rules.push({ substring, suggest, label });
  }

  next(suggest: ContentSuggest, label = DEFAULT_LABEL[suggest]): void {
    this.queue.push({ suggest, label });
  }

  clear(): void {
    this.queue.length = 0;
    this.checked.length = 0;
  }

  check(body: unknown): FakeReply {
    const b = (body ?? {}) as { content?: unknown; version?: unknown; scene?: unknown; openid?: unknown };
    if (typeof b.content !== 'string' || b.version !== 2 || ![1, 2, 3, 4].includes(b.scene as number)) return wechatError(47001);
    if (b.content.length > 2500) return wechatError(47001);
    if (typeof b.openid !== 'string' || !b.openid) return wechatError(41009);
    this.checked.push({ openid: b.openid, content: b.content, scene: b.scene as number });
    const verdict = this.queue.shift() ?? this.rules.find((r) => (b.content as string).includes(r.substring)) ?? { suggest: 'pass' as const, label: 100 };
    return {
      body: {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: verdict.suggest, label: verdict.label },
        detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90 }],
        trace_id: `trace-${this.checked.length}`,
      },
    };
  }
}
