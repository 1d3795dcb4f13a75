/**
 * How a 依申请公开 request ends: the outcomes the 2019 Regulation allows and the yearly report's
 * table 三 counts, in the report's order, each with its group and the article it rests on.
 */

export const OUTCOME_GROUPS = ['granted', 'partial', 'refused', 'unavailable', 'not_processed', 'other'] as const;
export type DisclosureOutcomeGroup = (typeof OUTCOME_GROUPS)[number];
export const OUTCOME_GROUP_LABELS: Record<DisclosureOutcomeGroup, string> = {
  granted: '予以公开',
  partial: '部分公开',
  refused: '不予公开',
  unavailable: '无法提供',
  not_processed: '不予处理',
  other: '其他处理',
};

export interface DisclosureOutcomeInfo {
  group: DisclosureOutcomeGroup;
  /** The reason as table 三 names it (for 予以公开 / 部分公开: the group's name). */
  label: string;
  /** The articles of the 2019 Regulation the decision rests on, as the reply letter cites them. */
  basis: string;
}

export const DISCLOSURE_OUTCOMES = {
  granted: { group: 'granted', label: '予以公开', basis: '《中华人民共和国政府信息公开条例》第三十六条第（二）项' },
  partial: { group: 'partial', label: '部分公开（区分处理的）', basis: '《中华人民共和国政府信息公开条例》第三十七条' },
  refused_state_secret: { group: 'refused', label: '属于国家秘密', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  refused_law_prohibited: { group: 'refused', label: '其他法律行政法规禁止公开', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  refused_security: { group: 'refused', label: '危及“三安全一稳定”', basis: '《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项' },
  refused_third_party: { group: 'refused', label: '保护第三方合法权益', basis: '《中华人民共和国政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项' },
  refused_internal_affairs: { group: 'refused', label: '属于三类内部事务信息', basis: '《中华人民共和国政府信息公开条例》第十六条第一款、第三十六条第（三）项' },
  refused_process_info: { group: 'refused', label: '属于四类过程性信息', basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项' },
  refused_enforcement_file: { group: 'refused', label: '属于行政执法案卷', basis: '《中华人民共和国政府信息公开条例》第十六条第二款、第三十六条第（三）项' },
  refused_query_matter: { group: 'refused', label: '属于行政查询事项', basis: '《中华人民共和国政府信息公开条例》第三十六条第（七）项' },
  unavailable_not_held: { group: 'unavailable', label: '本机关不掌握相关政府信息', basis: '《中华人民共和国政府信息公开条例》第三十六条第（四）项、第（五）项' },
  unavailable_needs_creation: { group: 'unavailable', label: '没有现成信息需要另行制作', basis: '《中华人民共和国政府信息公开条例》第三十八条' },
  unavailable_still_unclear: { group: 'unavailable', label: '补正后申请内容仍不明确', basis: '《中华人民共和国政府信息公开条例》第三十条' },
  not_processed_petition: { group: 'not_processed', label: '信访举报投诉类申请', basis: '《中华人民共和国政府信息公开条例》第三十九条第一款' },
  not_processed_repeat: { group: 'not_processed', label: '重复申请', basis: '《中华人民共和国政府信息公开条例》第三十六条第（六）项' },
  not_processed_publication: { group: 'not_processed', label: '要求提供公开出版物', basis: '《中华人民共和国政府信息公开条例》第三十九条第二款' },
  not_processed_mass_repeat: { group: 'not_processed', label: '无正当理由大量反复申请', basis: '《中华人民共和国政府信息公开条例》第三十五条' },
  not_processed_confirm: { group: 'not_processed', label: '要求行政机关确认或重新出具已获取信息', basis: '《中华人民共和国政府信息公开条例》第三十九条第二款' },
  other_no_supplement: { group: 'other', label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', basis: '《中华人民共和国政府信息公开条例》第三十条' },
  other_unpaid: { group: 'other', label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', basis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）' },
  other_other: { group: 'other', label: '其他', basis: '《中华人民共和国政府信息公开条例》' },
} as const satisfies Record<string, DisclosureOutcomeInfo>;

export type DisclosureOutcome = keyof typeof DISCLOSURE_OUTCOMES;
export const DISCLOSURE_OUTCOME_CODES = Object.keys(DISCLOSURE_OUTCOMES) as DisclosureOutcome[];

/** Outcomes a handler decides (the two 其他处理 for lapses are reached by the deadline task alone). */
export const DECIDED_OUTCOMES: readonly DisclosureOutcome[] = DISCLOSURE_OUTCOME_CODES.filter((o) => o !== 'other_no_supplement' && o !== 'other_unpaid');

export function isDisclosureOutcome(value: unknown): value is DisclosureOutcome {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DISCLOSURE_OUTCOMES, value);
}

/** `不予公开 · 属于国家秘密`, or just `予以公开`. */
export function outcomeLabel(outcome: DisclosureOutcome): string {
  const info: DisclosureOutcomeInfo = DISCLOSURE_OUTCOMES[outcome];
  const group = OUTCOME_GROUP_LABELS[info.group];
  return info.label === group || info.group === 'partial' ? group : `${group} · ${info.label}`;
}
