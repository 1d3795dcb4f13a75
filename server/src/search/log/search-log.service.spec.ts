import { Logger } from '@nestjs/common';
import { SettableClock } from '../../common/clock/clock';
import { PeriodicTasks } from '../../common/tasks/periodic-tasks';
import type { AppConfig } from '../../config/app-config';
import type { Db } from '../../database/db';
import type { QueryDayIncrement, SearchLogRepository } from './search-log.repository';
import { SearchLog } from './search-log.service';

/** The repository's part the log uses, kept in memory: what each flush wrote, each retention cutoff, each read of popular queries. */
class MemoryRepo {
  flushed: QueryDayIncrement[][] = [];
  cutoffs: string[] = [];
  popularReads: string[] = [];
  failNext = false;
  popularAnswer: string[] = [];

  async add(rows: QueryDayIncrement[]): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('database down');
    }
    this.flushed.push(rows);
  }

  async deleteBefore(cutoff: string): Promise<number> {
    this.cutoffs.push(cutoff);
    return 0;
  }

  async popular(since: string): Promise<string[]> {
    this.popularReads.push(since);
    return this.popularAnswer;
  }
}

const byDayAndQuery = (rows: QueryDayIncrement[]) => [...rows].sort((a, b) => (a.day + a.query < b.day + b.query ? -1 : 1));

describe('SearchLog', () => {
  let clock: SettableClock;
  let repo: MemoryRepo;
  let tasks: PeriodicTasks;
  let log: SearchLog;

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    clock = new SettableClock(new Date('2026-12-09T23:58:00+08:00'));
    repo = new MemoryRepo();
    tasks = new PeriodicTasks();
    const config = { searchLog: { flushMs: 60_000, retainDays: 730 } } as AppConfig;
    const db = { settled: async () => undefined } as unknown as Db;
    log = new SearchLog(db, repo as unknown as SearchLogRepository, clock, config, tasks);
  });

  afterEach(() => jest.restoreAllMocks());

  it('keeps each search masked, counted per Shanghai day and query, with those that found nothing', async () => {
    log.record('13812345678 学区', 0);
    log.record('13912345678 学区', 3);
    log.record('划片', 5);
    log.record('110101199003071234 学籍', 0);
    log.record('', 0);
    log.record('   ', 0);
    clock.advance(3 * 60_000); // 00:01 on 10 December in Shanghai
    log.record('划片', 2);
    log.record('新昌路18号  划片', 0);

    await tasks.run('search-log');
    expect(repo.flushed).toHaveLength(1);
    expect(byDayAndQuery(repo.flushed[0]!)).toEqual([
      // queryHash: `printf '%s' '〔电话〕 学区' | sha256sum`
      { day: '2026-12-09', query: '〔电话〕 学区', queryHash: 'aa12d19db6f7e96c3369cf982eba9d9c4ec154815e9ce01a4c895e6e632f4667', searches: 2, zeroResults: 1 },
      { day: '2026-12-09', query: '〔证件号〕 学籍', queryHash: expect.stringMatching(/^[0-9a-f]{64}$/), searches: 1, zeroResults: 1 },
      { day: '2026-12-09', query: '划片', queryHash: expect.stringMatching(/^[0-9a-f]{64}$/), searches: 1, zeroResults: 0 },
      { day: '2026-12-10', query: '划片', queryHash: expect.stringMatching(/^[0-9a-f]{64}$/), searches: 1, zeroResults: 0 },
      { day: '2026-12-10', query: '新昌路〔门牌号〕 划片', queryHash: expect.stringMatching(/^[0-9a-f]{64}$/), searches: 1, zeroResults: 1 },
    ]);
    // Nothing new: the next round writes nothing.
    await tasks.run('search-log');
    expect(repo.flushed).toHaveLength(1);
  });

  it('keeps at most 60 characters of a query, and never throws', async () => {
    log.record('学'.repeat(70), 1);
    log.record(null as unknown as string, 0);
    log.record('a\uD800b', 1);
    jest.spyOn(clock, 'now').mockImplementation(() => {
      throw new Error('no clock');
    });
    expect(() => log.record('划片', 1)).not.toThrow();
    jest.restoreAllMocks();
    await log.flush();
    expect(repo.flushed[0]!.map((r) => r.query).sort()).toEqual(['a\uFFFDb', '学'.repeat(60)]);
  });

  it('keeps the counts of a failed flush for the next one', async () => {
    log.record('学区', 1);
    repo.failNext = true;
    await log.flush();
    log.record('学区', 0);
    await log.flush();
    expect(repo.flushed.map((batch) => batch.map((r) => [r.query, r.searches, r.zeroResults]))).toEqual([[['学区', 2, 1]]]);
  });

  it('deletes old days once per Shanghai day, keeping SEARCH_LOG_RETAIN_DAYS days', async () => {
    await tasks.run('search-log');
    await tasks.run('search-log');
    expect(repo.cutoffs).toEqual(['2024-12-09']);
    clock.advance(3 * 60_000);
    await tasks.run('search-log');
    expect(repo.cutoffs).toEqual(['2024-12-09', '2024-12-10']);
  });

  it('reads the popular queries of the last 30 days once a minute by the clock', async () => {
    repo.popularAnswer = ['划片', '学区', '小学招生'];
    expect(await log.popular(2)).toEqual(['划片', '学区']);
    expect(await log.popular(8)).toEqual(['划片', '学区', '小学招生']);
    expect(repo.popularReads).toEqual(['2026-11-10']);
    repo.popularAnswer = ['学区'];
    clock.advance(59_000);
    expect(await log.popular(8)).toEqual(['划片', '学区', '小学招生']);
    clock.advance(2_000);
    expect(await log.popular(8)).toEqual(['学区']);
    expect(repo.popularReads).toEqual(['2026-11-10', '2026-11-10']);
    expect(await log.popular(0)).toEqual([]);
  });
});
