import type { Table3CountedRow, Table3Counts, Table4Counts, YearlyFigureKey } from './annual-report-format';
import { checkAnnualReport, type ReportCheckInput } from './report-checks';

/** A row of table 三: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计. */
const row = (natural_person: number, commercial: number, research: number, public_welfare: number, legal_service: number, other_org: number, total: number): Table3Counts => ({
  natural_person,
  commercial,
  research,
  public_welfare,
  legal_service,
  other_org,
  total,
});
const none = () => row(0, 0, 0, 0, 0, 0, 0);

/**
 * A balanced year written out by hand: 7 received (自然人 5, 商业企业 2) and 1 carried in (自然人);
 * 6 concluded (予以公开 4, 部分公开 1, 本机关不掌握 1) and 2 carried out (自然人).
 * 自然人: 5 + 1 = 4 + 2; 商业企业: 2 + 0 = 2 + 0; 总计: 7 + 1 = 6 + 2.
 */
function balancedTable3(): Record<Table3CountedRow, Table3Counts> {
  return {
    received: row(5, 2, 0, 0, 0, 0, 7),
    carriedIn: row(1, 0, 0, 0, 0, 0, 1),
    granted: row(3, 1, 0, 0, 0, 0, 4),
    partial: row(1, 0, 0, 0, 0, 0, 1),
    refused_state_secret: none(),
    refused_law_prohibited: none(),
    refused_security: none(),
    refused_third_party: none(),
    refused_internal_affairs: none(),
    refused_process_info: none(),
    refused_enforcement_file: none(),
    refused_query_matter: none(),
    unavailable_not_held: row(0, 1, 0, 0, 0, 0, 1),
    unavailable_needs_creation: none(),
    unavailable_still_unclear: none(),
    not_processed_petition: none(),
    not_processed_repeat: none(),
    not_processed_publication: none(),
    not_processed_mass_repeat: none(),
    not_processed_confirm: none(),
    other_no_supplement: none(),
    other_unpaid: none(),
    other_other: none(),
    concluded: row(4, 2, 0, 0, 0, 0, 6),
    carriedOut: row(2, 0, 0, 0, 0, 0, 2),
  };
}

function balancedTable4(): Table4Counts {
  return {
    reconsideration: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
    lawsuit_direct: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    lawsuit_after_reconsideration: { upheld: 0, corrected: 1, other: 0, pending: 0, total: 1 },
  };
}

function balanced(): ReportCheckInput {
  const yearlyFigures: Record<YearlyFigureKey, string | null> = { licensing: '12', penalty: '0', enforcement: '0', charges: '3.5' };
  return { table3: balancedTable3(), table4: balancedTable4(), yearlyFigures, previousCarriedOut: row(1, 0, 0, 0, 0, 0, 1) };
}

const failing = (input: ReportCheckInput) => checkAnnualReport(input).filter((c) => !c.ok);

describe('the report checks', () => {
  it('passes a balanced year, reporting every check with its message and no cell', () => {
    expect(checkAnnualReport(balanced())).toEqual([
      { code: 'table3_balance', ok: true, cell: null, message: '表三各列：一 + 二 = 三（总计）+ 四' },
      { code: 'table3_results_sum', ok: true, cell: null, message: '表三各列：各项办理结果之和 = 三（总计）' },
      { code: 'table3_total_column', ok: true, cell: null, message: '表三各行：自然人与各类法人或其他组织之和 = 总计' },
      { code: 'table3_carry_over', ok: true, cell: null, message: '表三：上年结转 = 上年报告的结转下年度继续办理' },
      { code: 'table4_totals', ok: true, cell: null, message: '表四：各项结果之和 = 总计' },
      { code: 'table2_entered', ok: true, cell: null, message: '表二：行政许可、行政处罚、行政强制、行政事业性收费均已填报' },
    ]);
  });

  it('passes a first year: nothing carried in, no previous report', () => {
    const input = balanced();
    input.table3.carriedIn = none();
    input.table3.received = row(6, 2, 0, 0, 0, 0, 8);
    input.previousCarriedOut = null;
    expect(failing(input)).toEqual([]);
  });

  it('names the first column where 一 + 二 ≠ 三（总计）+ 四', () => {
    const input = balanced();
    // Carrying out three instead of two: 自然人 5 + 1 ≠ 4 + 3 (总计 fails too, the first is named).
    input.table3.carriedOut = row(3, 0, 0, 0, 0, 0, 3);
    expect(failing(input)).toEqual([
      { code: 'table3_balance', ok: false, cell: { table: '三', row: 'concluded', column: 'natural_person' }, message: '表三“自然人”列不平衡：一（5）+ 二（1）≠ 三·总计（4）+ 四（3）' },
    ]);
  });

  it('names the column whose outcome rows do not add up to 三（总计）', () => {
    const input = balanced();
    // One more 予以公开 to a 科研机构 that 三（总计） does not count.
    input.table3.granted = row(3, 1, 1, 0, 0, 0, 5);
    expect(failing(input)).toEqual([
      { code: 'table3_results_sum', ok: false, cell: { table: '三', row: 'concluded', column: 'research' }, message: '表三“科研机构”列：各项办理结果之和（1）≠ 三·总计（0）' },
    ]);
  });

  it('names the first row whose 总计 is not the sum of the applicant columns', () => {
    const input = balanced();
    input.table3.received = row(5, 2, 0, 0, 0, 0, 8);
    expect(failing(input)).toEqual([
      // The 总计 column no longer balances either: 8 + 1 ≠ 6 + 2.
      { code: 'table3_balance', ok: false, cell: { table: '三', row: 'concluded', column: 'total' }, message: '表三“总计”列不平衡：一（8）+ 二（1）≠ 三·总计（6）+ 四（2）' },
      { code: 'table3_total_column', ok: false, cell: { table: '三', row: 'received', column: 'total' }, message: '表三“一、本年新收政府信息公开申请数量”行：各类申请人之和（7）≠ 总计（8）' },
    ]);
  });

  it('names an outcome row by its reason', () => {
    const input = balanced();
    input.table3.unavailable_not_held = row(0, 1, 0, 0, 0, 0, 2);
    expect(failing(input).find((c) => c.code === 'table3_total_column')).toEqual({
      code: 'table3_total_column',
      ok: false,
      cell: { table: '三', row: 'unavailable_not_held', column: 'total' },
      message: '表三“1.本机关不掌握相关政府信息”行：各类申请人之和（1）≠ 总计（2）',
    });
  });

  it('compares 二、上年结转 with last year’s 四, column by column', () => {
    const input = balanced();
    input.previousCarriedOut = row(2, 0, 0, 0, 0, 0, 2);
    expect(failing(input)).toEqual([
      { code: 'table3_carry_over', ok: false, cell: { table: '三', row: 'carriedIn', column: 'natural_person' }, message: '表三“自然人”列：二、上年结转（1）≠ 上年报告“四、结转下年度继续办理”（2）' },
    ]);
  });

  it('wants nothing carried in when last year carried nothing', () => {
    const input = balanced();
    input.previousCarriedOut = null;
    expect(failing(input)).toEqual([
      { code: 'table3_carry_over', ok: false, cell: { table: '三', row: 'carriedIn', column: 'natural_person' }, message: '表三“自然人”列：二、上年结转（1）≠ 上年报告“四、结转下年度继续办理”（0）' },
    ]);
  });

  it('names the kind of table 四 whose 总计 is not the sum of its results', () => {
    const input = balanced();
    input.table4.lawsuit_after_reconsideration.total = 3;
    expect(failing(input)).toEqual([
      { code: 'table4_totals', ok: false, cell: { table: '四', row: 'lawsuit_after_reconsideration', column: 'total' }, message: '表四“行政诉讼（复议后起诉）”：各项结果之和（1）≠ 总计（3）' },
    ]);
  });

  it('lists the figures of table 二 nobody has entered; 0 is an entry', () => {
    const input = balanced();
    input.yearlyFigures.penalty = null;
    input.yearlyFigures.charges = null;
    expect(failing(input)).toEqual([
      { code: 'table2_entered', ok: false, cell: { table: '二', row: 'penalty', column: 'value' }, message: '表二尚未填报：行政处罚、行政事业性收费（没有的填 0）' },
    ]);
    input.yearlyFigures.penalty = '0';
    input.yearlyFigures.charges = '0';
    expect(failing(input)).toEqual([]);
  });

  it('reports every failing check at once', () => {
    const input = balanced();
    input.table3.carriedOut = row(3, 0, 0, 0, 0, 0, 3);
    input.previousCarriedOut = null;
    input.table4.reconsideration.total = 1;
    input.yearlyFigures.licensing = null;
    expect(failing(input).map((c) => c.code)).toEqual(['table3_balance', 'table3_carry_over', 'table4_totals', 'table2_entered']);
  });
});
