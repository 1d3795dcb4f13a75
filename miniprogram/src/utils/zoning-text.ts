import {
  ZONING_APPLICANT_LABELS,
  type ZoningApplicant,
  type ZoningOption,
  type ZoningRuleView,
  type ZoningTableState,
} from '@gongkai/shared';

/** 学区查询's words, for the parents' page and the staff pages alike (both subpackages import this). */

/** “宝城街道 · 北岩社区 · 北辰花园”: the place of a rule, the levels it names. */
export function rulePlace(rule: Pick<ZoningRuleView, 'town' | 'village' | 'compound'>): string {
  return [rule.town, rule.village, rule.compound].filter((s) => s).join(' · ');
}

/** “1—99号（单号）”, “101号起”, “全部门牌” …; '' when the rule names no numbers and no side. */
export function ruleNumbers(rule: Pick<ZoningRuleView, 'from' | 'to' | 'parity'>): string {
  const side = rule.parity === 'odd' ? '单号' : rule.parity === 'even' ? '双号' : '';
  let range = '';
  if (rule.from !== null && rule.to !== null) range = rule.from === rule.to ? `${rule.from}号` : `${rule.from}—${rule.to}号`;
  else if (rule.from !== null) range = `${rule.from}号起`;
  else if (rule.to !== null) range = `至${rule.to}号`;
  if (range && side) return `${range}（${side}）`;
  return range || (side ? `全部${side}` : '');
}

/** “1—5栋”; '' when every building. */
export function ruleBuildings(rule: Pick<ZoningRuleView, 'buildingFrom' | 'buildingTo'>): string {
  if (rule.buildingFrom !== null && rule.buildingTo !== null) return rule.buildingFrom === rule.buildingTo ? `${rule.buildingFrom}号楼` : `${rule.buildingFrom}—${rule.buildingTo}号楼`;
  if (rule.buildingFrom !== null) return `${rule.buildingFrom}号楼起`;
  if (rule.buildingTo !== null) return `至${rule.buildingTo}号楼`;
  return '';
}

/** Whom a rule is for, as a parent reads it; '' for everyone. */
export function ruleApplicant(applicant: ZoningApplicant): string {
  return applicant === 'local' ? '本地户籍' : applicant === 'migrant' ? '随迁子女' : '';
}

/**
 * The rule an answer rests on, in one line: the place, the numbers and buildings, whom it is for
 * and on what condition (“宝城街道 · 新昌路 · 1—99号（单号） · 本地户籍 · 条件：房户一致”). The
 * note goes on its own line (`rule.note`).
 */
export function describeRule(rule: ZoningRuleView): string {
  const place = rulePlace(rule);
  const numbers = ruleNumbers(rule);
  const buildings = ruleBuildings(rule);
  const parts = [
    place + (!rule.compound && !numbers && !buildings ? (rule.village ? '（全社区/村）' : '（全镇街）') : ''),
    numbers || (rule.compound && !buildings ? '全部门牌' : ''),
    buildings,
    ruleApplicant(rule.applicant),
    rule.condition ? `条件：${rule.condition}` : '',
  ];
  return parts.filter((s) => s).join(' · ');
}

/**
 * The heading of one case of an answer that depends on 户籍 or a condition: “本地户籍 · 房户一致”,
 * “随迁子女”, or “其他情况”. Given the answer's other cases (`siblings`), a case without a condition
 * next to one of the same 户籍 with a condition reads “本地户籍 · 其他情况”: titled just “本地户籍”,
 * a 房户一致 family would take both cases for theirs.
 */
export function optionTitle(
  option: Pick<ZoningOption, 'applicant' | 'condition'>,
  siblings: readonly Pick<ZoningOption, 'applicant' | 'condition'>[] = [],
): string {
  const who = option.applicant === 'all' ? '' : ZONING_APPLICANT_LABELS[option.applicant];
  if (option.condition) return who ? `${who} · ${option.condition}` : option.condition;
  if (!who) return '其他情况';
  const narrower = siblings.some((o) => o !== option && o.condition && (o.applicant === option.applicant || o.applicant === 'all'));
  return narrower ? `${who} · 其他情况` : who;
}

/** A table's state as staff read it. */
export const ZONING_TABLE_STATE_LABELS: Record<ZoningTableState, string> = {
  draft: '草稿',
  attached: '已关联通知',
  in_review: '审核中',
  published: '已发布',
  superseded: '已被替换',
  withdrawn: '已撤回',
};

/** Rules may be corrected only while no reviewer has the table (the server's rule; the page only hides the form). */
export function zoningTableEditable(state: ZoningTableState): boolean {
  return state === 'draft' || state === 'attached';
}

/** A house or building number typed by a parent or staff: digits (full-width too) → 1..99999, else null. */
export function parseNumberField(text: string): number | null {
  const digits = text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
  if (!/^\d{1,5}$/.test(digits)) return null;
  const n = Number(digits);
  return n >= 1 ? n : null;
}
