import { SYNONYM_GROUP_MAX_TERMS, SYNONYM_GROUP_MIN, SYNONYM_TERM_MAX, addCalendarDays, isCalendarDate, normalizeSynonymTerm, type SearchInsight } from '@gongkai/shared';

/** The staff search pages (app.config.ts lists the same). */
export const SEARCH_ROUTES = {
  synonyms: '/packages/staff/pages/search/synonyms',
  insight: '/packages/staff/pages/search/insight',
} as const;

/** What staff type between terms: spaces (either width), commas, 、 and semicolons. */
const SEPARATORS = /[\s,，、;；]+/u;

/**
 * The terms of a group as typed: split, folded as the server keeps them (shared's
 * normalizeSynonymTerm), repeats dropped, in the order typed.
 */
export function parseTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(SEPARATORS)) {
    const term = normalizeSynonymTerm(raw);
    if (term && !out.includes(term)) out.push(term);
  }
  return out;
}

/** What the page can already tell about the terms before asking the server (it checks again, and for duplicates across groups). */
export function termsProblem(terms: readonly string[]): string | null {
  if (terms.length < SYNONYM_GROUP_MIN) return `一组至少填写 ${SYNONYM_GROUP_MIN} 个意思相同的词`;
  if (terms.length > SYNONYM_GROUP_MAX_TERMS) return `一组最多 ${SYNONYM_GROUP_MAX_TERMS} 个词`;
  const long = terms.find((t) => [...t].length > SYNONYM_TERM_MAX);
  if (long) return `“${long}”超过 ${SYNONYM_TERM_MAX} 个字`;
  return null;
}

/** The text the form shows for a group's terms (and for a term to add to it). */
export function termsText(terms: readonly string[]): string {
  return terms.join(' ');
}

/** The last `days` days up to `today`, inclusive. */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addCalendarDays(today, -(days - 1)), to: today };
}

/** A range check before asking (the server checks again). */
export function rangeProblem(from: string, to: string): string | null {
  if (!isCalendarDate(from) || !isCalendarDate(to)) return '请选择开始和结束日期';
  if (from > to) return '开始日期不能晚于结束日期';
  return null;
}

const MAX_FILLED_DAYS = 400;

/**
 * Every day of the range, newest first, the days nobody searched as 0 (so the bars show quiet days
 * too); the server's rows as they are when the range is too long to fill.
 */
export function dayRows(insight: SearchInsight): SearchInsight['perDay'] {
  const byDay = new Map(insight.perDay.map((d) => [d.day, d]));
  const rows: SearchInsight['perDay'] = [];
  if (isCalendarDate(insight.from) && isCalendarDate(insight.to)) {
    for (let day = insight.to, n = 0; day >= insight.from && n < MAX_FILLED_DAYS; day = addCalendarDays(day, -1), n += 1) {
      rows.push(byDay.get(day) ?? { day, searches: 0, zeroResults: 0 });
    }
    if (rows.length < MAX_FILLED_DAYS) return rows;
  }
  return [...insight.perDay].sort((a, b) => (a.day < b.day ? 1 : a.day > b.day ? -1 : 0));
}

/** 12.5% (one decimal), or — when nothing was searched. */
export function share(part: number, whole: number): string {
  if (!whole) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

/** 3月5日 from 2026-03-05. */
export function monthDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}月${Number(d)}日`;
}
