import {
  SCHOOL_KIND_LABELS,
  ZONING_APPLICANTS,
  ZONING_LIMITS,
  ZONING_PARITIES,
  ZONING_STAGE_LABELS,
  ZONING_STAGES,
  type ErrorDetail,
  type ZoningRuleInput,
} from '@gongkai/shared';
import type { ZoningRuleRow, ZoningSchoolRow } from '../zoning-data';

/**
 * The checks of one zoning rule, shared by the spreadsheet import (one row) and a staff member's
 * correction of one rule (PATCH /staff/zoning/rules/:id), so both accept and refuse the same.
 *
 * What a rule must say: 学段, 学校 and 镇街; then either a 小区 / road (with optional house-number
 * and building ranges), or a whole 社区 / 村 (社区村 filled, 小区道路 empty), or a whole town (both
 * empty: a rural 镇 whose one central school takes everyone). House numbers, 单双 and buildings
 * belong to a 小区 / road, so they need 小区道路.
 */

/** The fields of a rule that a problem can be about (ZoningRuleInput's keys). */
export type RuleField = Exclude<keyof ZoningRuleInput, 'tableVersion'>;

export interface RuleProblem {
  field: RuleField;
  message: string;
}

/** Characters of a name (school, place, alias) and of a phone, as the tables store them. */
export const ZONING_NAME_MAX = 100;
export const ZONING_PHONE_MAX = 60;

/**
 * How names are compared for sameness (a school in 学校信息 and in a rule, duplicates): NFKC
 * (full-width → half-width), no spaces, lower case, which is also at least as strict as MySQL's
 * case- and width-insensitive unique index on the school's name.
 */
export function nameKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The school of that name (compared by `nameKey`), or undefined: a rule stores the school's name as 学校信息 spells it. */
export function findSchool(name: string, schools: readonly ZoningSchoolRow[] | ReadonlyMap<string, ZoningSchoolRow>): ZoningSchoolRow | undefined {
  const key = nameKey(name);
  if (schools instanceof Map) return schools.get(key);
  return (schools as readonly ZoningSchoolRow[]).find((s) => nameKey(s.name) === key);
}

/** Schools by `nameKey` (the first of a name: duplicates are refused elsewhere). */
export function schoolsByKey(schools: readonly ZoningSchoolRow[]): Map<string, ZoningSchoolRow> {
  const map = new Map<string, ZoningSchoolRow>();
  for (const s of schools) if (!map.has(nameKey(s.name))) map.set(nameKey(s.name), s);
  return map;
}

const NUMBER_LABELS: Record<'from' | 'to' | 'buildingFrom' | 'buildingTo', string> = { from: '起始号', to: '终止号', buildingFrom: '楼栋起', buildingTo: '楼栋止' };

/** Whether [from, to] holds a number of that parity (a range of one even number on the odd side holds none). */
export function rangeCoversSomething(from: number, to: number, parity: ZoningRule['parity']): boolean {
  if (from > to) return false;
  if (parity === 'all' || from < to) return true;
  return (from % 2 === 1) === (parity === 'odd');
}

type ZoningRule = Omit<ZoningRuleRow, 'sourceRow'>;

/**
 * The problems of one rule on its own (not those across rules: duplicates and conflicts are the
 * import's). `schools` may be the table's list or `schoolsByKey` of it.
 */
export function checkRule(rule: ZoningRule, schools: readonly ZoningSchoolRow[] | ReadonlyMap<string, ZoningSchoolRow>, skip: ReadonlySet<RuleField> = new Set()): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (field: RuleField, message: string) => {
    if (!skip.has(field)) problems.push({ field, message });
  };
  const text = (field: 'school' | 'town' | 'village' | 'compound' | 'condition' | 'note', label: string, required: boolean): boolean => {
    const value = rule[field];
    if (value !== null && typeof value !== 'string') {
      add(field, `${label}应为文字`);
      return false;
    }
    if (required && !value?.trim()) {
      add(field, `缺少${label}`);
      return false;
    }
    const max = field === 'condition' || field === 'note' ? ZONING_LIMITS.cell : ZONING_NAME_MAX;
    if (value && value.length > max) {
      add(field, `${label}超过 ${max} 个字`);
      return false;
    }
    return !!value?.trim();
  };

  const stageOk = ZONING_STAGES.includes(rule.stage);
  if (!stageOk) add('stage', `学段应为${quoteList(Object.values(ZONING_STAGE_LABELS))}`);
  if (text('school', '学校', true)) {
    const school = findSchool(rule.school, schools);
    if (!school) add('school', `学校“${rule.school.trim()}”不在学校信息中`);
    else if (stageOk && school.kind !== 'nine_year' && school.kind !== rule.stage) {
      add('school', `${school.name}是${SCHOOL_KIND_LABELS[school.kind]}，不能招收${ZONING_STAGE_LABELS[rule.stage]}学生`);
    }
  }
  text('town', '镇街', true);
  const hasVillage = text('village', '社区村', false);
  const hasCompound = text('compound', '小区道路', false);
  text('condition', '条件', false);
  text('note', '备注', false);
  const parityOk = ZONING_PARITIES.includes(rule.parity);
  if (!parityOk) add('parity', '单双应为“全”“单”或“双”');
  if (!ZONING_APPLICANTS.includes(rule.applicant)) add('applicant', '适用对象应为“全部”“本地户籍”或“随迁子女”');

  const numbersOk = (['from', 'to', 'buildingFrom', 'buildingTo'] as const).map((field) => {
    const value = rule[field];
    if (value === null) return true;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > ZONING_LIMITS.number) {
      add(field, `${NUMBER_LABELS[field]}应为 1 到 ${ZONING_LIMITS.number} 之间的整数`);
      return false;
    }
    return true;
  });
  const pair = (fromField: 'from' | 'buildingFrom', toField: 'to' | 'buildingTo', ok: boolean): boolean => {
    const from = rule[fromField];
    const to = rule[toField];
    if ((from === null) !== (to === null)) {
      const missing = from === null ? fromField : toField;
      add(missing, `只填了${NUMBER_LABELS[from === null ? toField : fromField]}，缺少${NUMBER_LABELS[missing]}（整条道路或整个小区请两格都不填）`);
      return false;
    }
    if (from !== null && to !== null && ok && from > to) {
      add(toField, `${NUMBER_LABELS[toField]} ${to} 小于${NUMBER_LABELS[fromField]} ${from}`);
      return false;
    }
    return from !== null && ok;
  };
  const hasNumbers = pair('from', 'to', numbersOk[0] && numbersOk[1]);
  pair('buildingFrom', 'buildingTo', numbersOk[2] && numbersOk[3]);
  if (hasNumbers && parityOk && !rangeCoversSomething(rule.from!, rule.to!, rule.parity)) {
    add('parity', `${rule.from}号到${rule.to}号之间没有${rule.parity === 'odd' ? '单' : '双'}号`);
  }

  // House numbers, sides and buildings are a road's or a compound's: a whole village or town has none.
  if (!hasCompound && (rule.from !== null || rule.to !== null)) add('compound', '填了门牌号范围，但没有填小区或道路');
  if (!hasCompound && (rule.buildingFrom !== null || rule.buildingTo !== null)) add('compound', '填了楼栋范围，但没有填小区');
  if (!hasCompound && parityOk && rule.parity !== 'all') add('parity', `单双只用于道路的门牌号；整个${hasVillage ? '社区（村）' : '镇街'}请填“全”或不填`);
  return dedupe(problems);
}

/**
 * A staff member's correction of one rule, checked as an imported row is (minus the checks across
 * rows): each problem names the ZoningRuleInput field, in Chinese. Store the school as
 * `findSchool(rule.school, schools).name`.
 */
export function ruleProblems(rule: ZoningRuleRow, schools: readonly ZoningSchoolRow[]): ErrorDetail[] {
  return checkRule(rule, schools).map((p) => ({ field: p.field, message: p.message }));
}

function dedupe(problems: RuleProblem[]): RuleProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function quoteList(values: readonly string[]): string {
  const quoted = values.map((v) => `“${v}”`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join('')}或${quoted[quoted.length - 1]}`;
}
