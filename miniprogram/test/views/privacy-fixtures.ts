import Taro from '@tarojs/taro';
import { CONSENT_KINDS, CONSENT_KIND_INFO, DEFAULT_RETENTION_DAYS, PRIVACY_NOTICE, buildPrivacyNotice, type ParentConsentsView } from '@gongkai/shared';

/** Shared by the privacy view tests: the server's answers through the real request layer (Taro.request is the mock). */
export const requestMock = Taro.request as unknown as jest.Mock;
export const FUTURE = '2099-01-01T00:00:00.000Z';

/** The notice as the server builds it, with the test deployment's controller and contact. */
export const NOTICE = buildPrivacyNotice({ controller: '测试县教育局', contact: '测试县教育局办公室 0536-0000000', retentionDays: DEFAULT_RETENTION_DAYS });

export function consentsView(agreedVersion: string | null, over: Partial<Record<(typeof CONSENT_KINDS)[number], boolean>> = {}): ParentConsentsView {
  return {
    notice: {
      currentVersion: PRIVACY_NOTICE.version,
      agreedVersion,
      agreedAt: agreedVersion ? '2026-12-06T02:00:00.000Z' : null,
      needsAgreement: agreedVersion !== PRIVACY_NOTICE.version,
    },
    current: CONSENT_KINDS.map((kind) => {
      const granted = kind === 'privacy_notice' ? agreedVersion === PRIVACY_NOTICE.version : !!over[kind];
      return {
        kind,
        label: CONSENT_KIND_INFO[kind].label,
        gives: CONSENT_KIND_INFO[kind].gives,
        withdrawal: CONSENT_KIND_INFO[kind].withdrawal,
        granted,
        version: kind === 'privacy_notice' ? agreedVersion : null,
        at: granted ? '2026-12-06T02:00:00.000Z' : null,
        channel: granted ? 'h5' : null,
      };
    }),
    history: agreedVersion
      ? [{ id: 1, kind: 'privacy_notice', granted: true, version: agreedVersion, channel: 'h5', subject: null, at: '2026-12-06T02:00:00.000Z' }]
      : [],
  };
}

export interface Sent {
  url: string;
  method: string;
  data?: unknown;
  header: Record<string, string>;
}

type Answer = unknown | { statusCode: number; data: unknown };

/**
 * Answers Taro.request by `METHOD /path` (query left out) with a body or `{statusCode, data}`;
 * anything else is a 404 in the server's error shape. Returns what was sent, in order.
 */
export function serve(routes: Record<string, Answer | ((sent: Sent) => Answer)>): Sent[] {
  const sent: Sent[] = [];
  requestMock.mockImplementation(async (o: Sent) => {
    sent.push(o);
    const key = `${o.method} ${o.url.replace(/\?.*$/, '').replace(/^\/api\/v1/, '')}`;
    const route = routes[key];
    if (route === undefined) return { statusCode: 404, data: { statusCode: 404, code: 'NOT_FOUND', message: '未找到' } };
    const answer = typeof route === 'function' ? (route as (s: Sent) => Answer)(o) : route;
    return answer && typeof answer === 'object' && 'statusCode' in (answer as object) ? answer : { statusCode: 200, data: answer };
  });
  return sent;
}

/** The calls of one route, e.g. `POST /parents/me/consents`. */
export function callsOf(sent: Sent[], key: string): Sent[] {
  return sent.filter((s) => `${s.method} ${s.url.replace(/\?.*$/, '').replace(/^\/api\/v1/, '')}` === key);
}
