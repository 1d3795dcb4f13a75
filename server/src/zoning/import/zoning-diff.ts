import { ZONING_APPLICANT_LABELS, ZONING_PARITY_LABELS, type ZoningDiff, type ZoningMove } from '@gongkai/shared';
import type { ZoningRuleRow, ZoningTableData } from '../zoning-data';
import { nameKey, rangeCoversSomething } from './zoning-validate';

/** Moves listed in a diff; `movesTotal` counts them all. */
export const ZONING_MOVES_LISTED = 500;

type Rule = Omit<ZoningRuleRow, 'sourceRow'>;

/**
 * How a rule's place reads for people, e.g. “宝城街道 · 北岩社区 · 北辰花园”, “宝城街道 · 新昌路
 * 1—99号（单号）”, “锦绣华庭 13—20栋”, with 适用对象 and 条件 when the rule has them.
 */
export function placeLabel(rule: Rule): string {
  const parts = [rule.town, rule.village, rule.compound].filter((p) => p.trim()).join(' · ');
  const range: string[] = [];
  if (rule.from !== null && rule.to !== null) range.push(`${rule.from === rule.to ? rule.from : `${rule.from}—${rule.to}`}号${rule.parity === 'all' ? '' : `（${ZONING_PARITY_LABELS[rule.parity]}号）`}`);
  else if (rule.parity !== 'all') range.push(`${ZONING_PARITY_LABELS[rule.parity]}号`);
  if (rule.buildingFrom !== null && rule.buildingTo !== null) range.push(rule.buildingFrom === rule.buildingTo ? `${rule.buildingFrom}栋` : `${rule.buildingFrom}—${rule.buildingTo}栋`);
  const who = [rule.applicant === 'all' ? '' : ZONING_APPLICANT_LABELS[rule.applicant], rule.condition ?? ''].filter((p) => p.trim());
  return [parts, ...range].join(' ') + (who.length ? `（${who.join('，')}）` : '');
}

/** Place and range (without the school): two rules with the same key cover the same addresses. */
function rangeKey(r: Rule): string {
  return [r.stage, nameKey(r.town), nameKey(r.village), nameKey(r.compound), r.from, r.to, r.parity, r.buildingFrom, r.buildingTo, r.applicant, nameKey(r.condition ?? '')].join('\u0001');
}

/** The place a range belongs to (a road, a compound, a whole village or town) for a stage, applicant and condition. */
function placeKey(r: Rule): string {
  return [r.stage, nameKey(r.town), nameKey(r.village), nameKey(r.compound), r.applicant, nameKey(r.condition ?? '')].join('\u0001');
}

/** A rule's full content: two tables hold the same rule when this matches. */
function contentKey(r: Rule): string {
  return `${rangeKey(r)}\u0001${nameKey(r.school)}\u0001${(r.note ?? '').trim()}`;
}

/** Whether two ranges of the same place share an address (numbers on their sides, buildings; empty = all). */
function overlaps(a: Rule, b: Rule): boolean {
  if (a.parity !== 'all' && b.parity !== 'all' && a.parity !== b.parity) return false;
  const parity = a.parity !== 'all' ? a.parity : b.parity;
  const numbers = rangeCoversSomething(Math.max(a.from ?? 1, b.from ?? 1), Math.min(a.to ?? Infinity, b.to ?? Infinity), parity);
  return numbers && Math.max(a.buildingFrom ?? 1, b.buildingFrom ?? 1) <= Math.min(a.buildingTo ?? Infinity, b.buildingTo ?? Infinity);
}

/**
 * What `next` changes against `previous` (pure): schools added and removed (by name); rules added,
 * removed and unchanged (by their full content, counted as multisets); and moves, the ranges of
 * addresses whose school changes for a stage: a range (place, numbers, side, buildings, applicant,
 * condition) both tables have with another school, or a range of `next` that replaces dropped
 * ranges of the same place that overlap it and named another school (1—99 号 → A becoming
 * 1—49 号 → A and 51—99 号 → B moves 51—99 号 from A to B). At most 500 moves are listed, in
 * the order of `next`; `movesTotal` counts them all.
 */
export function diffZoningTables(previous: ZoningTableData | null, next: ZoningTableData): Omit<ZoningDiff, 'from' | 'to'> {
  const before = previous ?? { schools: [], rules: [], aliases: [] };
  const beforeSchools = new Set(before.schools.map((s) => nameKey(s.name)));
  const nextSchools = new Set(next.schools.map((s) => nameKey(s.name)));

  // Rules by content, as multisets.
  const remaining = new Map<string, number>();
  for (const r of before.rules) remaining.set(contentKey(r), (remaining.get(contentKey(r)) ?? 0) + 1);
  let unchanged = 0;
  for (const r of next.rules) {
    const left = remaining.get(contentKey(r)) ?? 0;
    if (left > 0) {
      unchanged += 1;
      remaining.set(contentKey(r), left - 1);
    }
  }

  const moves: ZoningMove[] = [];
  if (previous) {
    const beforeRanges = groupBy(before.rules, rangeKey);
    const nextRanges = groupBy(next.rules, rangeKey);
    // Ranges only `previous` has, by place: what a new range of the same place may have replaced.
    const dropped = groupBy(
      before.rules.filter((r) => !nextRanges.has(rangeKey(r))),
      placeKey,
    );
    const seen = new Set<string>();
    for (const r of next.rules) {
      const key = rangeKey(r);
      if (seen.has(key)) continue;
      seen.add(key);
      const to = schoolsOf(nextRanges.get(key)!);
      const same = beforeRanges.get(key);
      const from = same ? schoolsOf(same) : schoolsOf((dropped.get(placeKey(r)) ?? []).filter((d) => overlaps(d, r)));
      const fromOthers = from.filter((s) => !to.some((t) => nameKey(t) === nameKey(s)));
      if (!from.length || (same ? sameSet(from, to) : !fromOthers.length)) continue;
      moves.push({ stage: r.stage, place: placeLabel(r), fromSchool: (same ? from : fromOthers).join('、'), toSchool: to.join('、') });
    }
  }

  return {
    schoolsAdded: next.schools.filter((s) => !beforeSchools.has(nameKey(s.name))).map((s) => s.name),
    schoolsRemoved: before.schools.filter((s) => !nextSchools.has(nameKey(s.name))).map((s) => s.name),
    rulesAdded: next.rules.length - unchanged,
    rulesRemoved: before.rules.length - unchanged,
    rulesUnchanged: unchanged,
    moves: moves.slice(0, ZONING_MOVES_LISTED),
    movesTotal: moves.length,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** The distinct schools of some rules, in their order. */
function schoolsOf(rules: readonly Rule[]): string[] {
  const seen = new Map<string, string>();
  for (const r of rules) if (!seen.has(nameKey(r.school))) seen.set(nameKey(r.school), r.school);
  return [...seen.values()];
}

function sameSet(a: string[], b: string[]): boolean {
  const keys = new Set(a.map(nameKey));
  return a.length === b.length && b.every((s) => keys.has(nameKey(s)));
}
