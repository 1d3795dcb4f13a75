import {
  NARRATIVE_PARTS,
  NARRATIVE_PART_LABELS,
  REPORT_SECTIONS,
  REPORT_SECTION_TITLES,
  TABLE2_DOCUMENT_COLUMN_LABELS,
  TABLE2_DOCUMENT_COLUMNS,
  TABLE2_DOCUMENT_ROW_LABELS,
  TABLE2_DOCUMENT_ROWS,
  TABLE3_COLUMN_LABELS,
  TABLE3_COLUMNS,
  TABLE3_COUNTED_ROWS,
  TABLE3_ROWS,
  TABLE4_COLUMN_LABELS,
  TABLE4_GROUPS,
  TABLE4_RESULT_COLUMNS,
  YEARLY_AMOUNT_PATTERN,
  YEARLY_COUNT_PATTERN,
  YEARLY_FIGURE_KEYS,
  YEARLY_FIGURE_LABELS,
  annualReportTitle,
  defaultReportYear,
} from './annual-report-format';

/** Table 三 of the 2021 national format (国办公开办函〔2021〕30号), top to bottom, written out by hand: key, depth, label. */
const TABLE3 = `
received                    0 一、本年新收政府信息公开申请数量
carriedIn                   0 二、上年结转政府信息公开申请数量
granted                     1 （一）予以公开
partial                     1 （二）部分公开（区分处理的，只计这一情形，不计其他情形）
group:refused               1 （三）不予公开
refused_state_secret        2 1.属于国家秘密
refused_law_prohibited      2 2.其他法律行政法规禁止公开
refused_security            2 3.危及“三安全一稳定”
refused_third_party         2 4.保护第三方合法权益
refused_internal_affairs    2 5.属于三类内部事务信息
refused_process_info        2 6.属于四类过程性信息
refused_enforcement_file    2 7.属于行政执法案卷
refused_query_matter        2 8.属于行政查询事项
group:unavailable           1 （四）无法提供
unavailable_not_held        2 1.本机关不掌握相关政府信息
unavailable_needs_creation  2 2.没有现成信息需要另行制作
unavailable_still_unclear   2 3.补正后申请内容仍不明确
group:not_processed         1 （五）不予处理
not_processed_petition      2 1.信访举报投诉类申请
not_processed_repeat        2 2.重复申请
not_processed_publication   2 3.要求提供公开出版物
not_processed_mass_repeat   2 4.无正当理由大量反复申请
not_processed_confirm       2 5.要求行政机关确认或重新出具已获取信息
group:other                 1 （六）其他处理
other_no_supplement         2 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请
other_unpaid                2 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请
other_other                 2 3.其他
concluded                   1 （七）总计
carriedOut                  0 四、结转下年度继续办理
`
  .trim()
  .split('\n')
  .map((line) => {
    const [key, depth, label] = line.split(/\s+/);
    return { key, depth: Number(depth), label };
  });

describe('the national format of the yearly report', () => {
  it('has the six sections in order', () => {
    expect(REPORT_SECTIONS.map((s) => REPORT_SECTION_TITLES[s])).toEqual([
      '一、总体情况',
      '二、主动公开政府信息情况',
      '三、收到和处理政府信息公开申请情况',
      '四、政府信息公开行政复议、行政诉讼情况',
      '五、存在的主要问题及改进情况',
      '六、其他需要报告的事项',
    ]);
    expect(NARRATIVE_PARTS.map((p) => NARRATIVE_PART_LABELS[p])).toEqual(['前言（编制依据与统计期限）', '一、总体情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']);
  });

  it('lays out table 二: 规章 and 行政规范性文件 with 制发 / 废止 / 现行有效, and the four figures of other systems', () => {
    expect(TABLE2_DOCUMENT_ROWS.map((r) => TABLE2_DOCUMENT_ROW_LABELS[r])).toEqual(['规章', '行政规范性文件']);
    expect(TABLE2_DOCUMENT_COLUMNS.map((c) => TABLE2_DOCUMENT_COLUMN_LABELS[c])).toEqual(['本年制发件数', '本年废止件数', '现行有效件数']);
    expect(YEARLY_FIGURE_KEYS.map((k) => YEARLY_FIGURE_LABELS[k])).toEqual(['行政许可', '行政处罚', '行政强制', '行政事业性收费']);
  });

  it('takes whole counts up to 10^7 and 万元 with up to four decimals', () => {
    for (const ok of ['0', '7', '9999999']) expect(YEARLY_COUNT_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '-1', '01', '1.5', '10000000', '1e3', ' 1']) expect(YEARLY_COUNT_PATTERN.test(bad)).toBe(false);
    for (const ok of ['0', '0.0001', '12.5', '99999999.9999']) expect(YEARLY_AMOUNT_PATTERN.test(ok)).toBe(true);
    for (const bad of ['', '.5', '1.', '1.23456', '012', '100000000', '-3']) expect(YEARLY_AMOUNT_PATTERN.test(bad)).toBe(false);
  });

  it('has table 三’s applicant columns in the format’s order', () => {
    expect(TABLE3_COLUMNS.map((c) => TABLE3_COLUMN_LABELS[c])).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
  });

  it('has table 三’s rows in the format’s order with their labels and depths', () => {
    expect(TABLE3_ROWS.map((r) => ({ key: r.key, depth: r.depth, label: r.label }))).toEqual(TABLE3);
  });

  it('counts 25 rows: the 21 outcomes and the four totals; the four groups of several reasons are headings without counts', () => {
    expect(TABLE3_ROWS.filter((r) => !r.counted).map((r) => r.label)).toEqual(['（三）不予公开', '（四）无法提供', '（五）不予处理', '（六）其他处理']);
    expect(TABLE3_COUNTED_ROWS).toHaveLength(25);
    expect(TABLE3_COUNTED_ROWS.filter((r) => !['received', 'carriedIn', 'concluded', 'carriedOut'].includes(r))).toHaveLength(21);
    expect(TABLE3_COUNTED_ROWS).toEqual(TABLE3.filter((r) => !r.key!.startsWith('group:')).map((r) => r.key));
  });

  it('lays out table 四: three kinds, each with 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计', () => {
    expect(TABLE4_GROUPS).toEqual([
      { kind: 'reconsideration', label: '行政复议' },
      { kind: 'lawsuit_direct', label: '行政诉讼（未经复议直接起诉）' },
      { kind: 'lawsuit_after_reconsideration', label: '行政诉讼（复议后起诉）' },
    ]);
    expect(TABLE4_RESULT_COLUMNS.map((c) => TABLE4_COLUMN_LABELS[c])).toEqual(['结果维持', '结果纠正', '其他结果', '尚未审结', '总计']);
  });

  it('opens on the year just ended, whatever the month', () => {
    expect(defaultReportYear('2026-12-01')).toBe(2025);
    expect(defaultReportYear('2026-12-31')).toBe(2025);
    expect(defaultReportYear('2027-01-01')).toBe(2026);
    expect(defaultReportYear('2027-01-31')).toBe(2026);
    expect(defaultReportYear('2027-06-15')).toBe(2026);
    expect(defaultReportYear('2027-11-30')).toBe(2026);
    expect(defaultReportYear('2027-12-01')).toBe(2026);
  });

  it('titles the report with the bureau and the year', () => {
    expect(annualReportTitle('昌乐县教育局', 2026)).toBe('昌乐县教育局2026年政府信息公开工作年度报告');
  });
});
