import type { ZoningLookupResult, ZoningOption, ZoningPlacement } from '@gongkai/shared';
import { ADDRESSES_2025 } from '../../fixtures/zoning/addresses-2025';
import { ADDRESSES_2026 } from '../../fixtures/zoning/addresses-2026';
import type { LabelledAddress } from '../../fixtures/zoning/labelled-address';
import { ApiClient } from '../../support/api-client';
import { freshDatabase, startServer, type TestDatabase, type TestServer } from '../../support/test-server';

/**
 * The lookup against the demo county (昌乐县, seeded as `npm start` seeds it) and addresses written
 * by hand the way parents type them, each labelled with the answer the table gives. Exact = the
 * status and every labelled school (and certainty, where labelled). Whatever the score, an answer
 * that claims certainty must never name a school the label does not.
 */

type Stage = 'primary' | 'junior';

/** The school an answer gives for a stage: plainly, or the same in every option; null when none. */
function stageSchools(answer: ZoningLookupResult, stage: Stage): string[] {
  const names = new Set<string>();
  const plain: ZoningPlacement | undefined = answer[stage];
  if (plain) names.add(plain.school.name);
  for (const option of answer.options ?? []) {
    const placed = option[stage];
    if (placed) names.add(placed.school.name);
  }
  return [...names];
}

function sameApplicant(expected: 'local' | 'migrant', actual: ZoningOption['applicant']): boolean {
  return expected === 'migrant' ? actual === 'migrant' : actual === 'local' || actual === 'all';
}

/** Matched labels that leave a stage open: every matched label states both stages (a school or null), plainly or in each option. */
function openStages(labels: LabelledAddress[]): string[] {
  return labels.flatMap((l) =>
    l.expect.status !== 'matched'
      ? []
      : (['primary', 'junior'] as const)
          .filter((s) => l.expect[s] === undefined && !(l.expect.options?.length && l.expect.options.every((o) => o[s] !== undefined)))
          .map((s) => `${l.q}${l.applicant ? ` [${l.applicant}]` : ''}: ${s}`),
  );
}

/** Why the answer differs from the label; null when it is exact. */
function mismatch(label: LabelledAddress, answer: ZoningLookupResult): string | null {
  const { expect: want } = label;
  if (answer.status !== want.status) return `status ${answer.status}, expected ${want.status}`;
  if (want.certain !== undefined && answer.certain !== want.certain) return `certain ${answer.certain}, expected ${want.certain}`;
  for (const stage of ['primary', 'junior'] as const) {
    const expected = want[stage];
    if (expected === undefined) continue;
    const got = stageSchools(answer, stage);
    if (expected === null ? got.length > 0 : got.length !== 1 || got[0] !== expected) return `${stage} ${got.join('/') || '—'}, expected ${expected ?? '—'}`;
  }
  if (want.options) {
    const options = answer.options ?? [];
    if (options.length !== want.options.length) return `${options.length} options, expected ${want.options.length}`;
    for (const o of want.options) {
      const found = options.find((a) => sameApplicant(o.applicant, a.applicant) && (a.condition ?? null) === o.condition);
      if (!found) return `no option for ${o.applicant}/${o.condition ?? '—'}`;
      for (const stage of ['primary', 'junior'] as const) {
        const school = o[stage];
        // An option may leave a stage that is the same in every case to the plain answer.
        const got = found[stage]?.school.name ?? answer[stage]?.school.name;
        if (school !== undefined && got !== school) return `${o.applicant}/${o.condition ?? '—'} ${stage} ${got ?? '—'}, expected ${school}`;
      }
    }
  } else if (want.status === 'matched' && answer.options?.length) {
    return `options given (${answer.options.length}), expected a plain answer`;
  }
  return null;
}

/** Schools a certain answer names that its label does not (a wrong school told with certainty). */
function wrongWithCertainty(label: LabelledAddress, answer: ZoningLookupResult): string[] {
  if (answer.status !== 'matched' || !answer.certain) return [];
  const wrong: string[] = [];
  for (const stage of ['primary', 'junior'] as const) {
    const named = stageSchools(answer, stage);
    if (label.expect.status !== 'matched') {
      wrong.push(...named);
      continue;
    }
    const plain = label.expect[stage];
    // Labels state both stages (openStages), so a school the label does not name is wrong.
    const allowed = new Set<string>([...(plain ? [plain] : []), ...(label.expect.options ?? []).flatMap((o) => (o[stage] ? [o[stage]!] : []))]);
    wrong.push(...named.filter((name) => !allowed.has(name)));
  }
  return wrong;
}

function lookupPath(label: LabelledAddress, year?: number): string {
  const params = new URLSearchParams({ q: label.q });
  if (label.applicant) params.set('applicant', label.applicant);
  if (year) params.set('year', String(year));
  return `/zoning/lookup?${params.toString()}`;
}

async function score(api: ApiClient, labels: LabelledAddress[], year?: number): Promise<{ exact: number; misses: string[]; certainWrong: string[]; answers: ZoningLookupResult[] }> {
  let exact = 0;
  const misses: string[] = [];
  const certainWrong: string[] = [];
  const answers: ZoningLookupResult[] = [];
  for (const label of labels) {
    const res = await api.get<ZoningLookupResult>(lookupPath(label, year));
    expect({ q: label.q, status: res.status }).toEqual({ q: label.q, status: 200 });
    answers.push(res.body);
    const why = mismatch(label, res.body);
    const who = `${label.q}${label.applicant ? ` [${label.applicant}]` : ''}`;
    if (why) misses.push(`${who}: ${why}`);
    else exact++;
    const wrong = wrongWithCertainty(label, res.body);
    if (wrong.length) certainWrong.push(`${who}: ${wrong.join('、')} (certain)`);
  }
  return { exact, misses, certainWrong, answers };
}

describe('zoning lookup accuracy on the demo county', () => {
  let db: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    db = await freshDatabase();
    // Hundreds of lookups from one address within a minute: lift the per-address search limit.
    server = await startServer(db, { DEMO_DATA: 'true', DEMO_STAFF_PASSWORD: 'demo-password-1', RATE_LIMIT_SEARCH_MAX: '100000' });
  });

  afterAll(async () => {
    await server?.stop();
    await db?.drop();
  });

  it('answers at least 95 % of the labelled 2026 addresses exactly, and never names a wrong school with certainty', async () => {
    const api = new ApiClient(server.baseUrl);
    expect(ADDRESSES_2026.length).toBeGreaterThanOrEqual(170);
    expect(openStages(ADDRESSES_2026)).toEqual([]);
    const { exact, misses, certainWrong, answers } = await score(api, ADDRESSES_2026);
    const percent = (100 * exact) / ADDRESSES_2026.length;
    console.log(`zoning accuracy 2026: ${exact}/${ADDRESSES_2026.length} exact (${percent.toFixed(1)} %)${misses.length ? `\nmisses:\n  ${misses.join('\n  ')}` : ''}`);
    expect(certainWrong).toEqual([]);
    expect(percent).toBeGreaterThanOrEqual(95);
    // Without a year the lookup answers from the current one, with its 划片 notice.
    expect(new Set(answers.map((a) => a.year))).toEqual(new Set([2026]));
    expect(answers[0]!.notice?.title).toBe('2026年城区义务教育学校划片招生方案');
  });

  it('answers the 2025 year from the 2025 table: 北辰花园 was still 实验小学', async () => {
    const api = new ApiClient(server.baseUrl);
    const res = await api.get<ZoningLookupResult>(`/zoning/lookup?q=${encodeURIComponent('北辰花园3号楼')}&year=2025`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'matched', year: 2025, certain: true, notice: { title: '2025年城区义务教育学校划片招生方案' } });
    expect(res.body.primary?.school).toMatchObject({ name: '昌乐县实验小学', phone: '0536-6226018' });
    expect(res.body.junior?.school.name).toBe('昌乐县第一实验中学');
    expect(openStages(ADDRESSES_2025)).toEqual([]);
    const { exact, misses, certainWrong } = await score(api, ADDRESSES_2025, 2025);
    console.log(`zoning accuracy 2025: ${exact}/${ADDRESSES_2025.length} exact${misses.length ? `\nmisses:\n  ${misses.join('\n  ')}` : ''}`);
    expect(certainWrong).toEqual([]);
    expect(misses).toEqual([]);
  });
});
