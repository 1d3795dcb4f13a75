import { ZONING_APPLICANT_LABELS, ZONING_LIMITS, ZONING_PARITY_LABELS, type ZoningParity, type ZoningRuleView } from '@gongkai/shared';

/**
 * The numbers of an address, read from normalised text (see normalize.ts): N号 / N弄 / N号院 are
 * the house number, N栋 / N幢 / N号楼 / N座 the building, N单元 / N室 / N层 / N楼 (floor) / N户 are
 * dropped, a-b-c is building a (3-2-501), a-b号 is house a; a number without a unit is `bare`
 * (人民路35: the caller decides from the place what it is).
 */
export type NumberKind = 'house' | 'building' | 'bare' | 'drop';

export interface NumberToken {
  /** Span in the normalised text. */
  start: number;
  end: number;
  kind: NumberKind;
  /** The number (house or building); 0 for dropped parts. */
  value: number;
}

const UNIT_WORDS: readonly (readonly [string, NumberKind])[] = [
  // Longest first: 号楼 before 号, 单元 before anything.
  ['号楼', 'building'],
  ['号院', 'house'],
  ['单元', 'drop'],
  ['号', 'house'],
  ['弄', 'house'],
  ['栋', 'building'],
  ['幢', 'building'],
  ['座', 'building'],
  ['室', 'drop'],
  ['层', 'drop'],
  ['楼', 'drop'],
  ['户', 'drop'],
];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** A house or building number as the table allows (1..99,999); null for anything else (a phone number, 0). */
function asNumber(digits: string): number | null {
  if (digits.length > 5) return null;
  const n = Number(digits);
  return n >= 1 && n <= ZONING_LIMITS.number ? n : null;
}

/** Every number of the text with what it means; linear in the text. */
export function scanNumbers(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (!isDigit(text[i])) {
      i += 1;
      continue;
    }
    const start = i;
    const parts: string[] = [];
    let j = i;
    for (;;) {
      let k = j;
      while (k < n && isDigit(text[k])) k += 1;
      parts.push(text.slice(j, k));
      j = k;
      if (text[j] === '-' && isDigit(text[j + 1])) {
        j += 1;
        continue;
      }
      break;
    }
    let unit: NumberKind | null = null;
    for (const [word, kind] of UNIT_WORDS) {
      if (text.startsWith(word, j)) {
        unit = kind;
        j += word.length;
        break;
      }
    }
    const first = asNumber(parts[0]!);
    const push = (kind: NumberKind, value: number | null) => tokens.push({ start, end: j, kind: value === null ? 'drop' : kind, value: value ?? 0 });
    if (unit === 'house' || unit === 'building') push(unit, first);
    else if (parts.length >= 3) push('building', first);
    else if (unit === 'drop') push(parts.length === 2 ? 'bare' : 'drop', parts.length === 2 ? first : 0);
    else push('bare', first);
    i = j;
  }
  return tokens;
}

/** “1—99号（单号）”, “2号”, “101号及以上”, “单号”; '' for the whole road. */
export function numberRangeText(from: number | null, to: number | null, parity: ZoningParity): string {
  let text = '';
  if (from !== null && to !== null) text = from === to ? `${from}号` : `${from}—${to}号`;
  else if (from !== null) text = `${from}号及以上`;
  else if (to !== null) text = `${to}号及以下`;
  if (parity === 'all') return text;
  const side = `${ZONING_PARITY_LABELS[parity]}号`;
  return text ? `${text}（${side}）` : side;
}

/** “1—5栋”, “3栋”, “6栋及以上”; '' for every building. */
export function buildingRangeText(from: number | null, to: number | null): string {
  if (from !== null && to !== null) return from === to ? `${from}栋` : `${from}—${to}栋`;
  if (from !== null) return `${from}栋及以上`;
  if (to !== null) return `${to}栋及以下`;
  return '';
}

/** The parts of a rule's scope a label shows. */
export type RuleScope = Omit<ZoningRuleView, 'note'>;

/** “宝城街道 · 人民路”, “乔官镇 · 南展村”, “宝城街道 · 北岩社区 · 北辰花园”. */
export function placeLabel(town: string, village: string, compound: string): string {
  return [town, village, compound].filter((p) => p !== '').join(' · ');
}

/** “宝城街道 · 人民路 1—99号（单号）”, with 随迁子女 / a condition when the rule has one. */
export function ruleLabel(r: RuleScope, withVillage: boolean): string {
  const ranges = [numberRangeText(r.from, r.to, r.parity), buildingRangeText(r.buildingFrom, r.buildingTo)].filter(Boolean).join(' ');
  let label = placeLabel(r.town, withVillage ? r.village : '', r.compound);
  if (ranges) label += ` ${ranges}`;
  if (r.applicant !== 'all') label += `（${ZONING_APPLICANT_LABELS[r.applicant]}）`;
  if (r.condition) label += `（${r.condition}）`;
  return label;
}
