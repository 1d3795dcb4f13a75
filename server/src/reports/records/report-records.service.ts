import { Injectable } from '@nestjs/common';
import { BRIEFING_KINDS, PROPOSAL_KINDS, YEARLY_FIGURE_KEYS, type BriefingKind, type HotTopicChannel, type ProposalFigures, type ReportFigures, type YearlyFigureView } from '@gongkai/shared';
import { Db } from '../../database/db';
import { ReportRecordsRepository } from './report-records.repository';

/** What the report reads of a year's records. */
export interface RecordFiguresOfYear {
  hotTopics: ReportFigures['hotTopics'];
  briefings: ReportFigures['briefings'];
  /** One per kind (npc, cppcc), in PROPOSAL_KINDS order. */
  proposals: ProposalFigures[];
  /** One per YEARLY_FIGURE_KEYS, in order; value null until entered. */
  yearly: YearlyFigureView[];
}

/** The records' figures for the report (the records' own CRUD lives beside it). */
@Injectable()
export class ReportRecordsService {
  constructor(
    private readonly db: Db,
    private readonly repo: ReportRecordsRepository,
  ) {}

  /** The figures of `year`'s records. */
  async figuresOf(year: number): Promise<RecordFiguresOfYear> {
    await this.db.settled();
    const [counts, yearly] = await Promise.all([this.repo.counts(year), this.yearlyFigures(year)]);

    const byChannel: Partial<Record<HotTopicChannel, number>> = {};
    for (const r of counts.hotTopicsByChannel) byChannel[r.channel as HotTopicChannel] = r.count;
    const byKind = Object.fromEntries(BRIEFING_KINDS.map((k) => [k, 0])) as Record<BriefingKind, number>;
    for (const r of counts.briefingsByKind) byKind[r.kind as BriefingKind] = r.count;

    const proposals = PROPOSAL_KINDS.map((kind): ProposalFigures => {
      const rows = counts.proposals.filter((r) => r.kind === kind);
      const sum = (keep: (r: (typeof rows)[number]) => boolean) => rows.filter(keep).reduce((n, r) => n + r.count, 0);
      const satisfied = sum((r) => r.satisfaction === 'satisfied');
      const basicallySatisfied = sum((r) => r.satisfaction === 'basically_satisfied');
      const unsatisfied = sum((r) => r.satisfaction === 'unsatisfied');
      const judged = satisfied + basicallySatisfied + unsatisfied;
      return {
        kind,
        lead: sum((r) => r.role === 'lead'),
        co: sum((r) => r.role === 'co'),
        replied: sum((r) => r.replied),
        satisfied,
        basicallySatisfied,
        unsatisfied,
        satisfactionRate: judged ? (satisfied + basicallySatisfied) / judged : null,
      };
    });

    return {
      hotTopics: { total: counts.hotTopicsByChannel.reduce((n, r) => n + r.count, 0), byChannel },
      briefings: { total: counts.briefingsByKind.reduce((n, r) => n + r.count, 0), byKind },
      proposals,
      yearly,
    };
  }

  /** The years that have any record (for the years list), newest first. */
  async yearsWithRecords(): Promise<number[]> {
    await this.db.settled();
    return this.repo.years();
  }

  /** The four yearly figures of `year` in YEARLY_FIGURE_KEYS order, each with who entered it (null until entered). */
  async yearlyFigures(year: number): Promise<YearlyFigureView[]> {
    const rows = await this.repo.figures(year);
    const names = await this.repo.staffNames(rows.map((r) => r.enteredById));
    return YEARLY_FIGURE_KEYS.map((key) => {
      const row = rows.find((r) => r.key === key);
      return row
        ? { key, value: row.value, enteredBy: names.get(row.enteredById) ?? '（已删除的账号）', enteredAt: row.enteredAt.toISOString() }
        : { key, value: null, enteredBy: null, enteredAt: null };
    });
  }

  /** Who entered `year`'s figures of other systems: they count as editors of the report's notice (four eyes). */
  figureEnterers(year: number): Promise<number[]> {
    return this.repo.figureEnterers(year);
  }
}
