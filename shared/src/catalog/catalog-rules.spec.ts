import { CATEGORY_SEEDS, TOPIC_SEEDS, WITHHOLD_REASONS, disclosureReasonProblem } from './categories';
import { formatIndexNo, parseIndexNo } from './index-number';

describe('公开目录 seeds', () => {
  it('has the bureau’s ten categories with unique codes', () => {
    expect(CATEGORY_SEEDS.map((c) => c.name)).toEqual(['工作机构', '政策文件', '教育惠民', '教育督导', '学校动态', '基础教育', '学前教育', '办事指南', '招生考试', '招标采购']);
    expect(new Set(CATEGORY_SEEDS.map((c) => c.code)).size).toBe(10);
    expect(TOPIC_SEEDS.map((t) => t.name)).toEqual(['中考', '义务教育划片', '进城务工人员子女入学', '教育督导', '全面改薄']);
  });
});

describe('索引号', () => {
  it('formats unit, category, year and a five-digit sequence, and parses back', () => {
    const no = formatIndexNo('11370725004410339C', 'ZSKS', 2026, 42);
    expect(no).toBe('11370725004410339C/ZSKS-2026-00042');
    expect(parseIndexNo(no)).toEqual({ unitCode: '11370725004410339C', categoryCode: 'ZSKS', year: 2026, sequence: 42 });
    expect(formatIndexNo('U1', 'ZBCG', 2027, 123456)).toBe('U1/ZBCG-2027-123456');
  });

  it('refuses sequences below 1 and unparseable numbers', () => {
    expect(() => formatIndexNo('U', 'ZSKS', 2026, 0)).toThrow(RangeError);
    expect(() => formatIndexNo('U', 'ZSKS', 2026, 1.5)).toThrow(RangeError);
    expect(parseIndexNo('not an index')).toBeNull();
  });
});

describe('disclosure reasons', () => {
  it('needs none for 主动公开, any for 依申请公开 and a legal one for 不予公开', () => {
    expect(disclosureReasonProblem('proactive', null)).toBeNull();
    expect(disclosureReasonProblem('on_request', '  ')).toBe('依申请公开须说明理由');
    expect(disclosureReasonProblem('on_request', '涉及个人信息')).toBeNull();
    expect(disclosureReasonProblem('withheld', '不方便')).toMatch(/^不予公开的理由须为法定情形之一/);
    for (const reason of WITHHOLD_REASONS) expect(disclosureReasonProblem('withheld', reason)).toBeNull();
    expect(WITHHOLD_REASONS).toHaveLength(8);
  });
});
