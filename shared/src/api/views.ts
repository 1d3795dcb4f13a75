import type { ViewChannel } from '../catalog/view-channels';

/** Views of one day (Asia/Shanghai), per channel. */
export interface NoticeViewDay {
  /** `YYYY-MM-DD`, Asia/Shanghai. */
  day: string;
  weapp: number;
  h5: number;
  web: number;
  api: number;
  total: number;
}

/** Views per channel: the mini-program, its H5 build, the public web pages, other API clients. */
export type ViewsByChannel = Record<ViewChannel, number>;

/** GET /staff/notices/:id/views: how often a notice was read, per day and channel. */
export interface NoticeViewsView {
  noticeId: number;
  /** Every view ever counted, including those from before views were counted per day and channel. */
  total: number;
  /** Summed over `days`. */
  byChannel: ViewsByChannel;
  /** Days with at least one view, oldest first. Views of the last few seconds may still be in memory (VIEW_FLUSH_MS). */
  days: NoticeViewDay[];
}

/** Views of all notices in one Shanghai calendar year, for the yearly report. */
export interface YearViews {
  year: number;
  byChannel: ViewsByChannel;
  total: number;
}
