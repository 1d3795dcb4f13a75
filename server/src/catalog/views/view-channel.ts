import type { ViewChannel } from '@gongkai/shared';

/**
 * The channel of an API read from its `X-Client-Channel` header: the mini-program says weapp or h5;
 * anything else (no header, another value, `web`, which only our own pages count) is `api`.
 */
export function apiViewChannel(header: string | string[] | undefined): ViewChannel {
  return header === 'weapp' || header === 'h5' ? header : 'api';
}
