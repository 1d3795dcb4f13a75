import type { InfoType } from '@gongkai/shared';
import type { LegacySource, MappingFields } from './legacy-sources';

/** Where an item goes: category, unit, information type and topics. */
export interface ItemMapping {
  categoryCode: string;
  unitCode: string;
  infoType: InfoType;
  topicCodes: string[];
}

/**
 * Each field from the first rule that matches the item and names that field, else the source's
 * default. A rule matches when every regex it gives matches (url, title, column).
 */
export function mapItem(source: Pick<LegacySource, 'defaults' | 'rules'>, item: { url: string; title: string; column: string | null }): ItemMapping {
  const matching = (source.rules ?? []).filter((rule) => {
    const { url, title, column } = rule.match;
    return (!url || new RegExp(url, 'u').test(item.url)) && (!title || new RegExp(title, 'u').test(item.title)) && (!column || new RegExp(column, 'u').test(item.column ?? ''));
  });
  const pick = <K extends keyof MappingFields>(key: K): MappingFields[K] | undefined => matching.find((rule) => rule[key] !== undefined)?.[key];
  return {
    categoryCode: pick('categoryCode') ?? source.defaults.categoryCode,
    unitCode: pick('unitCode') ?? source.defaults.unitCode,
    infoType: pick('infoType') ?? source.defaults.infoType,
    topicCodes: pick('topicCodes') ?? source.defaults.topicCodes ?? [],
  };
}

/** Every code the source can give an item (defaults and rules), with the field naming it: checked against the catalog before a run. */
export function codesOf(source: Pick<LegacySource, 'defaults' | 'rules'>, at: string): { field: string; kind: 'category' | 'unit' | 'topic'; code: string }[] {
  const out: { field: string; kind: 'category' | 'unit' | 'topic'; code: string }[] = [
    { field: `${at}.defaults.categoryCode`, kind: 'category', code: source.defaults.categoryCode },
    { field: `${at}.defaults.unitCode`, kind: 'unit', code: source.defaults.unitCode },
    ...(source.defaults.topicCodes ?? []).map((code, j) => ({ field: `${at}.defaults.topicCodes[${j}]`, kind: 'topic' as const, code })),
  ];
  (source.rules ?? []).forEach((rule, i) => {
    if (rule.categoryCode) out.push({ field: `${at}.rules[${i}].categoryCode`, kind: 'category', code: rule.categoryCode });
    if (rule.unitCode) out.push({ field: `${at}.rules[${i}].unitCode`, kind: 'unit', code: rule.unitCode });
    (rule.topicCodes ?? []).forEach((code, j) => out.push({ field: `${at}.rules[${i}].topicCodes[${j}]`, kind: 'topic', code }));
  });
  return out;
}
