import Taro from '@tarojs/taro';
import { SUBSCRIBE_RESULTS, type SubscribeResult } from '@gongkai/shared';

export type SubscribeAnswers = Record<string, SubscribeResult>;

/**
 * Asks the parent's consent to one-off subscribe messages for these templates, the one way the app
 * does it. Call it synchronously inside the tap, before anything is awaited: WeChat shows its
 * dialog only during a user's gesture. weapp: `wx.requestSubscribeMessage`, resolving to the
 * answer per template (rejects when WeChat would not ask). H5 has no such dialog: in the embedded
 * demo consent is simulated (`accept` for each), otherwise nothing is asked (`{}`).
 */
export function askSubscribe(templateIds: readonly string[], { demo }: { demo: boolean }): Promise<SubscribeAnswers> {
  if (!templateIds.length) return Promise.resolve({});
  if (process.env.TARO_ENV !== 'weapp') {
    return Promise.resolve(demo ? Object.fromEntries(templateIds.map((id) => [id, 'accept' as const])) : {});
  }
  let call: Promise<unknown>;
  try {
    call = Taro.requestSubscribeMessage({ tmplIds: [...templateIds], entityIds: [] } as Parameters<typeof Taro.requestSubscribeMessage>[0]);
  } catch (e) {
    call = Promise.reject(e);
  }
  return Promise.resolve(call).then((answer) => {
    const out: SubscribeAnswers = {};
    for (const id of templateIds) {
      const r = (answer as Record<string, unknown> | null)?.[id];
      if (typeof r === 'string' && (SUBSCRIBE_RESULTS as readonly string[]).includes(r)) out[id] = r as SubscribeResult;
    }
    return out;
  });
}

