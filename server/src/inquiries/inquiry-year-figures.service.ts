import { Injectable } from '@nestjs/common';
import { INQUIRY_KIND_CODES, inquiryKind, type InquiryKindFigures, type ReportFigures } from '@gongkai/shared';
import { InquiryYearFiguresRepository } from './inquiry-year-figures.repository';

const ratio = (part: number, whole: number): number | null => (whole ? part / whole : null);

/** The yearly report's figures of inquiries: by kind with on-time rate and satisfaction, and per month. */
@Injectable()
export class InquiryYearFigures {
  constructor(private readonly repo: InquiryYearFiguresRepository) {}

  async ofYear(year: number): Promise<ReportFigures['inquiries']> {
    const groups = await this.repo.monthGroups(year);
    const byKind = new Map<string, InquiryKindFigures>(
      INQUIRY_KIND_CODES.map((kind) => [kind, { kind, received: 0, replied: 0, repliedOnTime: 0, onTimeRate: null, rated: 0, satisfied: 0, basicallySatisfied: 0, unsatisfied: 0, satisfactionRate: null }]),
    );
    const monthly = new Map<string, number[]>(INQUIRY_KIND_CODES.map((k) => [k, new Array<number>(12).fill(0)]));
    const repliedPerMonth = new Array<number>(12).fill(0);
    const onTimePerMonth = new Array<number>(12).fill(0);
    for (const g of groups) {
      const k = byKind.get(g.kind);
      // A kind no longer offered would have no row to add to; none exists today.
      if (!k) continue;
      k.received += g.received;
      k.replied += g.replied;
      k.repliedOnTime += g.repliedOnTime;
      k.satisfied += g.satisfied;
      k.basicallySatisfied += g.basicallySatisfied;
      k.unsatisfied += g.unsatisfied;
      monthly.get(g.kind)![g.month - 1]! += g.received;
      repliedPerMonth[g.month - 1]! += g.replied;
      onTimePerMonth[g.month - 1]! += g.repliedOnTime;
    }
    const kinds = [...byKind.values()].map((k) => {
      const rated = k.satisfied + k.basicallySatisfied + k.unsatisfied;
      return { ...k, onTimeRate: ratio(k.repliedOnTime, k.replied), rated, satisfactionRate: ratio(k.satisfied + k.basicallySatisfied, rated) };
    });
    return {
      total: kinds.reduce((n, k) => n + k.received, 0),
      byKind: kinds,
      monthly: INQUIRY_KIND_CODES.map((k) => ({ name: inquiryKind(k).label, values: monthly.get(k)! })),
      onTimeRateMonthly: onTimePerMonth.map((onTime, m) => ratio(onTime, repliedPerMonth[m]!)),
    };
  }
}
