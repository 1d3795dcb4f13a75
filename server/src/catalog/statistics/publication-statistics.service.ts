import { Injectable } from '@nestjs/common';
import { INFO_TYPES, type InfoType, type MonthlySeries } from '@gongkai/shared';
import { PublicationStatisticsRepository } from './publication-statistics.repository';

/** The yearly report's figures of proactive publication. */
@Injectable()
export class PublicationStatisticsService {
  constructor(private readonly repo: PublicationStatisticsRepository) {}

  /** 主动公开 notices published in `year` (Asia/Shanghai): by 信息类别, in all, and per category per month (catalogue order). */
  async publishedInYear(year: number): Promise<{ byType: Record<InfoType, number>; total: number; monthly: MonthlySeries[] }> {
    const [groups, categories] = await Promise.all([this.repo.publishedGroups(year), this.repo.categories()]);
    const byType = Object.fromEntries(INFO_TYPES.map((t) => [t, 0])) as Record<InfoType, number>;
    const perCategory = new Map<number, number[]>(categories.map((c) => [c.id, new Array<number>(12).fill(0)]));
    let total = 0;
    for (const g of groups) {
      // An info type outside today's list (none expected) still counts in the total.
      if (g.infoType in byType) byType[g.infoType] += g.count;
      total += g.count;
      const months = perCategory.get(g.categoryId);
      if (months) months[g.month - 1]! += g.count;
    }
    return { byType, total, monthly: categories.map((c) => ({ name: c.name, values: perCategory.get(c.id)! })) };
  }
}
