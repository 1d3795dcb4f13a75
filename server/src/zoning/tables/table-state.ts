import type { NoticeStatus, ZoningTableState } from '@gongkai/shared';

/** What decides a table's state: its set-up publication, or its 划片 notice's status and published time. */
export interface TableStateInput {
  id: number;
  year: number;
  setupPublishedAt: Date | null;
  notice: { status: NoticeStatus; publishedAt: Date | null } | null;
}

/**
 * When the table took effect, or null: set up from the command line, or its notice published. A
 * withdrawn notice takes its table out of effect, a set-up one too (the bureau withdrew the year's 划片).
 */
export function effectiveFrom(t: TableStateInput): Date | null {
  if (t.notice?.status === 'withdrawn') return null;
  if (t.setupPublishedAt) return t.setupPublishedAt;
  if (t.notice?.status === 'published' && t.notice.publishedAt) return t.notice.publishedAt;
  return null;
}

/**
 * The table in effect per year: of the tables that took effect, the latest (a later table of the
 * same year, published with a 补充通知, takes over; ties go to the newer table).
 */
export function tablesInEffect<T extends TableStateInput>(tables: readonly T[]): Map<number, T> {
  const best = new Map<number, { table: T; at: number }>();
  for (const t of tables) {
    const at = effectiveFrom(t)?.getTime();
    if (at === undefined) continue;
    const seen = best.get(t.year);
    if (!seen || at > seen.at || (at === seen.at && t.id > seen.table.id)) best.set(t.year, { table: t, at });
  }
  return new Map([...best].map(([year, { table }]) => [year, table]));
}

/** The current year: the latest year with a table in effect. */
export function currentYear(inEffect: ReadonlyMap<number, unknown>): number | null {
  return inEffect.size ? Math.max(...inEffect.keys()) : null;
}

/** A table's state for staff (see ZoningTableState). */
export function tableState(t: TableStateInput, inEffect: ReadonlyMap<number, TableStateInput>): ZoningTableState {
  if (effectiveFrom(t)) return inEffect.get(t.year)?.id === t.id ? 'published' : 'superseded';
  if (!t.notice) return 'draft';
  if (t.notice.status === 'withdrawn') return 'withdrawn';
  if (t.notice.status === 'draft' || t.notice.status === 'returned') return 'attached';
  return 'in_review';
}

/** Rules may change only while no reviewer has the table (draft, or attached to a notice still being written). */
export function tableEditable(state: ZoningTableState): boolean {
  return state === 'draft' || state === 'attached';
}
