/**
 * Where a notice was read, counted per notice and day for the yearly report: the mini-program
 * (weapp), its H5 build (h5, both saying so in `X-Client-Channel`), and the server-rendered public
 * pages (web). API reads without the header count as `api`.
 */
export const VIEW_CHANNELS = ['weapp', 'h5', 'web', 'api'] as const;
export type ViewChannel = (typeof VIEW_CHANNELS)[number];

export const VIEW_CHANNEL_LABELS: Record<ViewChannel, string> = {
  weapp: '小程序',
  h5: 'H5',
  web: '网页',
  api: '其他客户端',
};
