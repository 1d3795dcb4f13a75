import {
  DECIDED_OUTCOMES,
  DISCLOSURE_OUTCOMES,
  DISCLOSURE_OUTCOME_CODES,
  OUTCOME_GROUPS,
  OUTCOME_GROUP_LABELS,
  isDisclosureOutcome,
  outcomeLabel,
  type DisclosureOutcomeInfo,
} from './outcomes';

describe('the outcomes of the 2019 Regulation (table 三 of the yearly report)', () => {
  it('are 21, in six groups of 1 / 1 / 8 / 3 / 5 / 3', () => {
    expect(DISCLOSURE_OUTCOME_CODES).toHaveLength(21);
    const infos: DisclosureOutcomeInfo[] = Object.values(DISCLOSURE_OUTCOMES);
    const counts = OUTCOME_GROUPS.map((g) => [OUTCOME_GROUP_LABELS[g], infos.filter((i) => i.group === g).length]);
    expect(counts).toEqual([
      ['予以公开', 1],
      ['部分公开', 1],
      ['不予公开', 8],
      ['无法提供', 3],
      ['不予处理', 5],
      ['其他处理', 3],
    ]);
  });

  it('are in the report’s order, grouped', () => {
    const groups = DISCLOSURE_OUTCOME_CODES.map((o) => DISCLOSURE_OUTCOMES[o].group);
    const firstOf = OUTCOME_GROUPS.map((g) => groups.indexOf(g));
    expect(firstOf).toEqual([0, 1, 2, 10, 13, 18]);
    expect([...groups].sort((a, b) => OUTCOME_GROUPS.indexOf(a) - OUTCOME_GROUPS.indexOf(b))).toEqual(groups);
  });

  it('name the reasons as the report does', () => {
    const labels = (group: string) => DISCLOSURE_OUTCOME_CODES.filter((o) => DISCLOSURE_OUTCOMES[o].group === group).map((o) => DISCLOSURE_OUTCOMES[o].label);
    expect(labels('refused')).toEqual(['属于国家秘密', '其他法律行政法规禁止公开', '危及“三安全一稳定”', '保护第三方合法权益', '属于三类内部事务信息', '属于四类过程性信息', '属于行政执法案卷', '属于行政查询事项']);
    expect(labels('unavailable')).toEqual(['本机关不掌握相关政府信息', '没有现成信息需要另行制作', '补正后申请内容仍不明确']);
    expect(labels('not_processed')).toEqual(['信访举报投诉类申请', '重复申请', '要求提供公开出版物', '无正当理由大量反复申请', '要求行政机关确认或重新出具已获取信息']);
    expect(labels('other')).toEqual([
      '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '其他',
    ]);
  });

  it('each cites a legal basis', () => {
    for (const code of DISCLOSURE_OUTCOME_CODES) expect(DISCLOSURE_OUTCOMES[code].basis).toMatch(/^《.+》/);
    expect(DISCLOSURE_OUTCOMES.other_unpaid.basis).toContain('国办函〔2020〕109号');
  });

  it('the handler decides 19; the two lapses are reached only by the deadline task', () => {
    expect(DECIDED_OUTCOMES).toHaveLength(19);
    expect(DECIDED_OUTCOMES).not.toContain('other_no_supplement');
    expect(DECIDED_OUTCOMES).not.toContain('other_unpaid');
    expect(DECIDED_OUTCOMES).toContain('other_other');
  });

  it('labels for lists and letters', () => {
    expect(outcomeLabel('granted')).toBe('予以公开');
    expect(outcomeLabel('partial')).toBe('部分公开');
    expect(outcomeLabel('refused_state_secret')).toBe('不予公开 · 属于国家秘密');
    expect(outcomeLabel('unavailable_not_held')).toBe('无法提供 · 本机关不掌握相关政府信息');
    expect(outcomeLabel('other_other')).toBe('其他处理 · 其他');
  });

  it('recognises codes and nothing else', () => {
    for (const code of DISCLOSURE_OUTCOME_CODES) expect(isDisclosureOutcome(code)).toBe(true);
    for (const bad of ['', 'refused', 'toString', '__proto__', 'constructor', null, undefined, 3, {}]) expect(isDisclosureOutcome(bad)).toBe(false);
  });
});
