import { Injectable } from '@nestjs/common';
import { VIEW_CHANNELS, type NoticeViewDay, type NoticeViewsView, type ViewsByChannel, type YearViews } from '@gongkai/shared';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import { StaffNoticesService } from '../staff-notices.service';
import { ViewsRepository } from './views.repository';

const zero = (): ViewsByChannel => ({ weapp: 0, h5: 0, web: 0, api: 0 });

/** How often notices were read, per day and channel: for staff, and for the yearly report (issue 17). */
@Injectable()
export class ViewStatsService {
  constructor(
    private readonly repo: ViewsRepository,
    private readonly notices: StaffNoticesService,
  ) {}

  /** One notice's views, for staff who may see the notice (others: 404, as the notice itself). */
  async forNotice(staff: StaffPrincipal, id: number): Promise<NoticeViewsView> {
    const notice = await this.notices.visible(staff, id);
    const byChannel = zero();
    const days = new Map<string, NoticeViewDay>();
    for (const row of await this.repo.days(id)) {
      const day = days.get(row.day) ?? { day: row.day, ...zero(), total: 0 };
      day[row.channel] += row.views;
      day.total += row.views;
      byChannel[row.channel] += row.views;
      days.set(row.day, day);
    }
    return { noticeId: id, total: notice.viewCount, byChannel, days: [...days.values()] };
  }

  /** Views of all notices in a Shanghai calendar year, per channel (counted per channel since issue 14). */
  async year(year: number): Promise<YearViews> {
    const sums = await this.repo.perChannel(`${year}-01-01`, `${year}-12-31`);
    const byChannel = zero();
    for (const channel of VIEW_CHANNELS) byChannel[channel] = sums.get(channel) ?? 0;
    return { year, byChannel, total: VIEW_CHANNELS.reduce((sum, c) => sum + byChannel[c], 0) };
  }
}
