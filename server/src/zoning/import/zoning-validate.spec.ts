import type { ZoningRuleRow, ZoningSchoolRow } from '../zoning-data';
import { findSchool, ruleProblems } from './zoning-validate';

const schools: ZoningSchoolRow[] = [
  { name: '昌乐县实验小学', kind: 'primary', ownership: 'public', address: '', phone: '', capacity: null, sourceRow: 2 },
  { name: '营丘镇九年一贯制学校', kind: 'nine_year', ownership: 'public', address: '', phone: '', capacity: null, sourceRow: 3 },
];
const rule = (r: Partial<ZoningRuleRow>): ZoningRuleRow => ({
  stage: 'primary',
  school: '昌乐县实验小学',
  town: '宝城街道',
  village: '利民社区',
  compound: '新昌路',
  from: 1,
  to: 99,
  parity: 'odd',
  buildingFrom: null,
  buildingTo: null,
  applicant: 'all',
  condition: null,
  note: null,
  sourceRow: null,
  ...r,
});

describe('ruleProblems (a staff correction of one rule)', () => {
  it('accepts a road range, a whole compound, a whole village, a whole town, and a 九年一贯 school for either stage', () => {
    expect(ruleProblems(rule({}), schools)).toEqual([]);
    expect(ruleProblems(rule({ from: null, to: null, parity: 'all', buildingFrom: 3, buildingTo: 3 }), schools)).toEqual([]);
    expect(ruleProblems(rule({ compound: '', from: null, to: null, parity: 'all' }), schools)).toEqual([]);
    expect(ruleProblems(rule({ stage: 'junior', school: '营丘镇九年一贯制学校', town: '营丘镇', village: '', compound: '', from: null, to: null, parity: 'all' }), schools)).toEqual([]);
    // Names compare as the import does: full-width and spaces do not matter; the stored name is the school list's.
    expect(ruleProblems(rule({ school: ' 昌乐县实验小学 ' }), schools)).toEqual([]);
    expect(findSchool('营丘镇 九年一贯制学校', schools)?.name).toBe('营丘镇九年一贯制学校');
  });

  it('names the field of each problem, in Chinese', () => {
    expect(ruleProblems(rule({ school: '昌乐县北城小学', town: ' ', to: null }), schools)).toEqual([
      { field: 'school', message: '学校“昌乐县北城小学”不在学校信息中' },
      { field: 'town', message: '缺少镇街' },
      { field: 'to', message: '只填了起始号，缺少终止号（整条道路或整个小区请两格都不填）' },
    ]);
    expect(ruleProblems(rule({ stage: 'junior', from: 0, to: 100_000 }), schools)).toEqual([
      { field: 'school', message: '昌乐县实验小学是小学，不能招收初中学生' },
      { field: 'from', message: '起始号应为 1 到 99999 之间的整数' },
      { field: 'to', message: '终止号应为 1 到 99999 之间的整数' },
    ]);
    expect(ruleProblems(rule({ from: 8, to: 8, buildingFrom: 9, buildingTo: 2 }), schools)).toEqual([
      { field: 'buildingTo', message: '楼栋止 2 小于楼栋起 9' },
      { field: 'parity', message: '8号到8号之间没有单号' },
    ]);
    expect(ruleProblems(rule({ compound: '', buildingFrom: 1, buildingTo: 2, note: '注'.repeat(201) }), schools)).toEqual([
      { field: 'note', message: '备注超过 200 个字' },
      { field: 'compound', message: '填了门牌号范围，但没有填小区或道路' },
      { field: 'compound', message: '填了楼栋范围，但没有填小区' },
      { field: 'parity', message: '单双只用于道路的门牌号；整个社区（村）请填“全”或不填' },
    ]);
    expect(ruleProblems(rule({ stage: 'senior' as never, parity: 'both' as never, applicant: 'anyone' as never }), schools)).toEqual([
      { field: 'stage', message: '学段应为“小学”或“初中”' },
      { field: 'parity', message: '单双应为“全”“单”或“双”' },
      { field: 'applicant', message: '适用对象应为“全部”“本地户籍”或“随迁子女”' },
    ]);
  });
});
