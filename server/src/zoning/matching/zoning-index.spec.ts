import type { ZoningApplicant, ZoningParity } from '@gongkai/shared';
import type { ZoningRuleRow, ZoningSchoolRow, ZoningTableData } from '../zoning-data';
import { ZoningIndex, type ZoningMatch, type ZoningQuery } from './zoning-index';

/* A small county written by hand: every expected school below can be checked against these lines. */

type Line = [stage: '小学' | '初中', school: string, town: string, village: string, compound: string, from?: number | null, to?: number | null, parity?: ZoningParity, buildingFrom?: number | null, buildingTo?: number | null, applicant?: ZoningApplicant, condition?: string | null];

function rule([stage, school, town, village, compound, from = null, to = null, parity = 'all', buildingFrom = null, buildingTo = null, applicant = 'all', condition = null]: Line): ZoningRuleRow {
  return { stage: stage === '小学' ? 'primary' : 'junior', school, town, village, compound, from, to, parity, buildingFrom, buildingTo, applicant, condition, note: null, sourceRow: null };
}

function school(name: string, kind: ZoningSchoolRow['kind'], phone: string): ZoningSchoolRow {
  return { name, kind, ownership: 'public', address: `昌乐县${name}`, phone, capacity: null, sourceRow: null };
}

const LINES: Line[] = [
  // A road split by side and by range; the ranges meet at 99 / 101.
  ['小学', '实验小学', '宝城街道', '', '新昌路', 1, 99, 'odd'],
  ['小学', '城南小学', '宝城街道', '', '新昌路', 2, 100, 'even'],
  ['小学', '北城小学', '宝城街道', '', '新昌路', 101, 199],
  ['初中', '第一实验中学', '宝城街道', '', '新昌路'],
  // A whole compound in a 社区; the 社区's junior rule covers it.
  ['小学', '北城小学', '宝城街道', '北岩社区', '北辰花园'],
  ['初中', '第一实验中学', '宝城街道', '北岩社区', ''],
  // A compound split by buildings between two schools.
  ['小学', '实验小学', '宝城街道', '北岩社区', '锦绣华庭二期', null, null, 'all', 1, 5],
  ['小学', '北城小学', '宝城街道', '北岩社区', '锦绣华庭二期', null, null, 'all', 6, 12],
  // 房户一致 first; otherwise the other school.
  ['小学', '实验小学', '宝城街道', '', '文化路', null, null, 'all', null, null, 'all', '房户一致'],
  ['小学', '东城小学', '宝城街道', '', '文化路'],
  // A whole 社区 and a whole town (junior).
  ['小学', '北城小学', '宝城街道', '辛庄社区', ''],
  ['初中', '第二中学', '宝城街道', '', ''],
  // An overlap in the table (41—50 in both).
  ['小学', '实验小学', '宝城街道', '', '利民街', 1, 50],
  ['小学', '城南小学', '宝城街道', '', '利民街', 41, 80],
  // Two compounds one typo apart from a third spelling.
  ['小学', '东城小学', '宝城街道', '', '东方花园'],
  ['小学', '城南小学', '宝城街道', '', '东城花园'],
  // The same road name in two towns.
  ['小学', '实验小学', '宝城街道', '', '人民路'],
  ['小学', '朱刘小学', '朱刘街道', '', '人民路'],
  ['初中', '朱刘中学', '朱刘街道', '', ''],
  // 随迁子女 of the whole town go to one school.
  ['小学', '朱刘第二小学', '朱刘街道', '', '', null, null, 'all', null, null, 'migrant'],
  // A rural town: whole town, one village of its own.
  ['小学', '乔官中心小学', '乔官镇', '', ''],
  ['初中', '乔官中学', '乔官镇', '', ''],
  ['小学', '南展小学', '乔官镇', '南展村', ''],
  ['小学', '乔官中心小学', '乔官镇', '十里堡村', ''],
  // A town without a whole-town primary rule: its villages decide.
  ['小学', '营丘小学', '营丘镇', '东村', ''],
  ['小学', '营丘第二小学', '营丘镇', '西村', ''],
  ['初中', '营丘中学', '营丘镇', '', ''],
];

const TABLE: ZoningTableData = {
  schools: [
    school('实验小学', 'primary', '0536-6211001'),
    school('北城小学', 'primary', '0536-6211002'),
    school('城南小学', 'primary', '0536-6211003'),
    school('东城小学', 'primary', '0536-6211004'),
    school('第一实验中学', 'junior', '0536-6211006'),
    school('第二中学', 'junior', '0536-6211007'),
    school('朱刘小学', 'primary', '0536-6211008'),
    school('朱刘第二小学', 'primary', '0536-6211018'),
    school('朱刘中学', 'junior', '0536-6211009'),
    school('乔官中心小学', 'primary', '0536-6211010'),
    school('乔官中学', 'junior', '0536-6211011'),
    school('南展小学', 'primary', '0536-6211012'),
    school('营丘小学', 'primary', '0536-6211013'),
    school('营丘第二小学', 'primary', '0536-6211014'),
    school('营丘中学', 'junior', '0536-6211015'),
  ],
  rules: LINES.map(rule),
  aliases: [{ alias: '原解放路', name: '新昌路' }],
};

const index = new ZoningIndex(TABLE);

/** The answer in a few words a person can compare with the table. */
function brief(m: ZoningMatch) {
  return {
    status: m.status,
    certain: m.certain,
    primary: m.primary?.school.name,
    junior: m.junior?.school.name,
  };
}
const ask = (q: string, extra: Omit<ZoningQuery, 'q'> = {}) => index.lookup({ q, ...extra });

describe('ZoningIndex: house numbers and sides', () => {
  it.each([
    ['新昌路35号', '实验小学'],
    ['新昌路99号', '实验小学'],
    ['新昌路36号', '城南小学'],
    ['新昌路100号', '城南小学'],
    ['新昌路101号', '北城小学'],
    ['新昌路199号', '北城小学'],
  ])('%s → %s', (q, primary) => {
    expect(brief(ask(q))).toEqual({ status: 'matched', certain: true, primary, junior: '第一实验中学' });
  });

  it('answers the rule, the school and what it understood', () => {
    const m = ask('新昌路35号');
    expect(m.understood).toBe('宝城街道 新昌路 35号');
    expect(m.advice).toBeNull();
    expect(m.primary).toEqual({
      school: { name: '实验小学', kind: 'primary', ownership: 'public', address: '昌乐县实验小学', phone: '0536-6211001' },
      rule: { town: '宝城街道', village: '', compound: '新昌路', from: 1, to: 99, parity: 'odd', buildingFrom: null, buildingTo: null, applicant: 'all', condition: null, note: null },
    });
  });

  it.each([
    ['three-five in words', '新昌路三十五号', '实验小学'],
    ['full-width digits', '新昌路３５号', '实验小学'],
    ['one hundred and one in words', '新昌路一百零一号', '北城小学'],
    ['a bare trailing number', '新昌路35', '实验小学'],
    ['a-b号', '新昌路35-2号', '实验小学'],
    ['spaces', '新昌路 35 号', '实验小学'],
    ['the province, city and county before it', '山东省潍坊市昌乐县宝城街道新昌路36号', '城南小学'],
  ])('reads %s', (_why, q, primary) => {
    expect(brief(ask(q))).toEqual({ status: 'matched', certain: true, primary, junior: '第一实验中学' });
  });

  it('asks for the house number when the road is split, one candidate per range', () => {
    const m = ask('新昌路');
    expect(m.status).toBe('ambiguous');
    expect(m.certain).toBe(false);
    expect(m.primary).toBeUndefined();
    expect(m.candidates).toEqual([
      { label: '宝城街道 · 新昌路 1—99号（单号）', town: '宝城街道', village: '', compound: '新昌路', hint: '请补充门牌号' },
      { label: '宝城街道 · 新昌路 2—100号（双号）', town: '宝城街道', village: '', compound: '新昌路', hint: '请补充门牌号' },
      { label: '宝城街道 · 新昌路 101—199号', town: '宝城街道', village: '', compound: '新昌路', hint: '请补充门牌号' },
    ]);
    expect(m.advice).toBe('该道路（小区）按门牌号划分学区，请补充门牌号');
  });

  it('answers the junior school alone when the number is outside every primary range (no wider rule is tried)', () => {
    const m = ask('新昌路300号');
    expect(brief(m)).toEqual({ status: 'matched', certain: true, primary: undefined, junior: '第一实验中学' });
    expect(m.advice).toBe('未查到小学划片信息，请致电县教育局咨询');
  });

  it('answers none when no range of a road covers the number and no stage is left', () => {
    const m = ask('利民街90号');
    expect(brief(m)).toEqual({ status: 'matched', certain: true, primary: undefined, junior: '第二中学' });
    const only = new ZoningIndex({ schools: TABLE.schools, rules: [rule(['小学', '实验小学', '宝城街道', '', '新昌路', 1, 99, 'odd'])], aliases: [] });
    const none = only.lookup({ q: '新昌路35号' });
    expect(none.status).toBe('matched');
    const gap = only.lookup({ q: '新昌路36号' });
    expect(gap.status).toBe('none');
    expect(gap.understood).toBe('宝城街道 新昌路 36号');
    expect(gap.advice).toBe('划片范围中“新昌路”包括：1—99号（单号），不含您输入的门牌（楼栋）号。请核对门牌号，或使用逐级选择查询；仍查不到的，请致电县教育局咨询');
  });

  it('same school on every range: no number needed', () => {
    const sameSchool = new ZoningIndex({
      schools: TABLE.schools,
      rules: [rule(['小学', '实验小学', '宝城街道', '', '新昌路', 1, 99, 'odd']), rule(['小学', '实验小学', '宝城街道', '', '新昌路', 2, 100, 'even'])],
      aliases: [],
    });
    expect(brief(sameSchool.lookup({ q: '新昌路' }))).toEqual({ status: 'matched', certain: true, primary: '实验小学', junior: undefined });
  });
});

describe('ZoningIndex: compounds and buildings', () => {
  it('a whole compound, its 社区 giving the junior school', () => {
    const m = ask('北辰花园3号楼2单元501室');
    expect(brief(m)).toEqual({ status: 'matched', certain: true, primary: '北城小学', junior: '第一实验中学' });
    expect(m.understood).toBe('宝城街道 北岩社区 北辰花园 3栋');
    expect(m.junior?.rule).toMatchObject({ town: '宝城街道', village: '北岩社区', compound: '' });
  });

  it('3-2-501 is building 3', () => {
    expect(ask('宝城街道北辰花园3-2-501').understood).toBe('宝城街道 北岩社区 北辰花园 3栋');
  });

  it.each([
    ['锦绣华庭二期3栋', '实验小学'],
    ['锦绣华庭二期5号楼', '实验小学'],
    ['锦绣华庭2期6幢', '北城小学'],
    ['锦绣华庭二期十二栋', '北城小学'],
  ])('a compound split by buildings: %s → %s', (q, primary) => {
    expect(brief(ask(q))).toEqual({ status: 'matched', certain: true, primary, junior: '第一实验中学' });
  });

  it('asks for the building when the compound is split by buildings', () => {
    const m = ask('锦绣华庭二期');
    expect(m.status).toBe('ambiguous');
    expect(m.candidates?.map((c) => [c.label, c.hint])).toEqual([
      ['宝城街道 · 北岩社区 · 锦绣华庭二期 1—5栋', '请补充楼栋号'],
      ['宝城街道 · 北岩社区 · 锦绣华庭二期 6—12栋', '请补充楼栋号'],
    ]);
    expect(m.advice).toBe('该小区按楼栋划分学区，请补充楼栋号');
  });

  it('a building outside every range finds nothing', () => {
    const m = ask('锦绣华庭二期20栋');
    expect(brief(m)).toEqual({ status: 'matched', certain: true, primary: undefined, junior: '第一实验中学' });
  });

  it('reads 3号 in a compound split only by buildings as building 3, and says so', () => {
    const m = ask('锦绣华庭二期3号');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '实验小学', junior: '第一实验中学' });
    expect(m.advice).toBe('按「宝城街道 北岩社区 锦绣华庭二期 3栋」查询，如不是请重新输入或致电学校核实');
  });
});

describe('ZoningIndex: villages and towns', () => {
  it('a village under a town with its own rule; the town gives the junior school', () => {
    const m = ask('乔官镇南展村');
    expect(brief(m)).toEqual({ status: 'matched', certain: true, primary: '南展小学', junior: '乔官中学' });
    expect(m.understood).toBe('乔官镇 南展村');
  });

  it('a whole-village rule answers an address inside the village the table does not list', () => {
    expect(brief(ask('营丘镇东村幸福家园5号'))).toEqual({ status: 'matched', certain: true, primary: '营丘小学', junior: '营丘中学' });
  });

  it('a whole-town rule answers a village the table does not list', () => {
    // Not certain: 南展村 of the same town goes elsewhere, and the address might be a misspelt village.
    expect(brief(ask('乔官镇后疃村'))).toEqual({ status: 'matched', certain: false, primary: '乔官中心小学', junior: '乔官中学' });
  });

  it('a town alone: its whole-town rule answers, not certain as a village of it goes elsewhere', () => {
    const m = ask('乔官镇');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '乔官中心小学', junior: '乔官中学' });
    expect(m.advice).toBe('该镇街部分社区（村）、小区另有划片，请补充详细地址确认');
  });

  it('a town alone without a whole-town rule: its villages to choose from', () => {
    const m = ask('营丘镇');
    expect(m.status).toBe('ambiguous');
    expect(m.candidates).toEqual([
      { label: '营丘镇 · 东村', town: '营丘镇', village: '东村', compound: '', hint: '请选择社区（村）或小区' },
      { label: '营丘镇 · 西村', town: '营丘镇', village: '西村', compound: '', hint: '请选择社区（村）或小区' },
    ]);
  });

  it('a 社区 whose compounds decide the primary school: its compounds to choose from', () => {
    const m = ask('宝城街道北岩社区');
    expect(m.status).toBe('ambiguous');
    expect(m.candidates?.map((c) => c.label)).toEqual(['宝城街道 · 北岩社区 · 北辰花园', '宝城街道 · 北岩社区 · 锦绣华庭二期']);
    expect(m.advice).toBe('请补充或选择小区或道路');
  });

  it('a 社区 with a whole rule', () => {
    expect(brief(ask('辛庄社区'))).toEqual({ status: 'matched', certain: true, primary: '北城小学', junior: '第二中学' });
  });
});

describe('ZoningIndex: applicants and conditions', () => {
  it('without an applicant, a town-wide 随迁子女 rule gives one option each', () => {
    const m = ask('朱刘街道人民路8号');
    expect(m.status).toBe('matched');
    expect(m.primary).toBeUndefined();
    expect(m.options?.map((o) => [o.applicant, o.condition, o.primary?.school.name, o.junior?.school.name])).toEqual([
      ['local', null, '朱刘小学', '朱刘中学'],
      ['migrant', null, '朱刘第二小学', '朱刘中学'],
    ]);
    expect(m.options?.[1]?.primary?.rule).toMatchObject({ town: '朱刘街道', village: '', compound: '', applicant: 'migrant' });
  });

  it.each([
    ['migrant', '朱刘第二小学'],
    ['local', '朱刘小学'],
  ] as const)('applicant %s: the rule for them beats everyone’s rule of the road', (applicant, primary) => {
    const m = ask('朱刘街道人民路8号', { applicant });
    expect(brief(m)).toEqual({ status: 'matched', certain: true, primary, junior: '朱刘中学' });
    expect(m.options).toBeUndefined();
  });

  it('房户一致 or not: one option each, even with an applicant given', () => {
    for (const applicant of [undefined, 'local'] as const) {
      const m = ask('文化路8号', { applicant });
      expect(m.status).toBe('matched');
      expect(m.options?.map((o) => [o.applicant, o.condition, o.primary?.school.name, o.junior?.school.name])).toEqual([
        [applicant ?? 'all', null, '东城小学', '第二中学'],
        [applicant ?? 'all', '房户一致', '实验小学', '第二中学'],
      ]);
    }
  });

  it('no options where the applicant does not change the school', () => {
    const m = ask('新昌路35号');
    expect(m.options).toBeUndefined();
  });
});

describe('ZoningIndex: overlaps and places of the same name', () => {
  it('two rules covering the same number with different schools: ambiguous, never a school', () => {
    const m = ask('利民街45号');
    expect(m.status).toBe('ambiguous');
    expect(m.certain).toBe(false);
    expect(m.primary).toBeUndefined();
    expect(m.candidates?.map((c) => c.label)).toEqual(['宝城街道 · 利民街 1—50号', '宝城街道 · 利民街 41—80号']);
  });

  it('outside the overlap the road answers', () => {
    expect(brief(ask('利民街12号'))).toEqual({ status: 'matched', certain: true, primary: '实验小学', junior: '第二中学' });
    expect(brief(ask('利民街51号'))).toEqual({ status: 'matched', certain: true, primary: '城南小学', junior: '第二中学' });
  });

  it('the same road in two towns without a town: one candidate per town', () => {
    const m = ask('人民路5号');
    expect(m.status).toBe('ambiguous');
    expect(m.candidates).toEqual([
      { label: '宝城街道 · 人民路', town: '宝城街道', village: '', compound: '人民路', hint: '请选择所在镇街' },
      { label: '朱刘街道 · 人民路', town: '朱刘街道', village: '', compound: '人民路', hint: '请选择所在镇街' },
    ]);
    expect(m.advice).toBe('“人民路”在宝城街道、朱刘街道都有，请选择或补充所在镇街');
  });

  it('the same road with its town', () => {
    expect(brief(ask('宝城街道人民路5号'))).toEqual({ status: 'matched', certain: true, primary: '实验小学', junior: '第二中学' });
    expect(brief(ask('朱刘街道 人民路 5号', { applicant: 'local' }))).toEqual({ status: 'matched', certain: true, primary: '朱刘小学', junior: '朱刘中学' });
  });

  it('a town that does not have the road: the road’s own town, not certain', () => {
    const m = ask('朱刘街道新昌路35号');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '实验小学', junior: '第一实验中学' });
    expect(m.advice).toBe('按「宝城街道 新昌路 35号」查询，如不是请重新输入或致电学校核实');
  });
});

describe('ZoningIndex: other names and typos', () => {
  it('a former name listed by staff is exact', () => {
    const m = ask('原解放路35号');
    expect(brief(m)).toEqual({ status: 'matched', certain: true, primary: '实验小学', junior: '第一实验中学' });
    expect(m.understood).toBe('宝城街道 新昌路 35号');
  });

  it('one wrong character: matched, not certain, and it says what it used', () => {
    const m = ask('北辰花圆3号楼');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '北城小学', junior: '第一实验中学' });
    expect(m.understood).toBe('宝城街道 北岩社区 北辰花园 3栋');
    expect(m.advice).toBe('按「北辰花园」查询，如不是请重新输入或致电学校核实');
  });

  it.each([
    ['a character missing', '北辰园3号楼'],
    ['a character extra', '北辰花花园3号楼'],
    ['the beginning of the name', '北辰3号楼'],
    ['after the county', '山东省昌乐县北辰花圆3号楼'],
  ])('%s: %s', (_why, q) => {
    expect(brief(ask(q))).toEqual({ status: 'matched', certain: false, primary: '北城小学', junior: '第一实验中学' });
  });

  it('a typo of a village under its town', () => {
    const m = ask('乔官镇南展存');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '南展小学', junior: '乔官中学' });
    expect(m.understood).toBe('乔官镇 南展村');
  });

  it('a typo in a name written with a numeral', () => {
    expect(brief(ask('锦绣华亭二期6栋'))).toEqual({ status: 'matched', certain: false, primary: '北城小学', junior: '第一实验中学' });
  });

  it('the beginning of a village name that starts with a numeral', () => {
    const m = ask('乔官镇十里堡');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '乔官中心小学', junior: '乔官中学' });
    expect(m.understood).toBe('乔官镇 十里堡村');
  });

  it('a typo two names fit equally: ambiguous with both', () => {
    const m = ask('东风花园');
    expect(m.status).toBe('ambiguous');
    expect(m.certain).toBe(false);
    expect(m.candidates?.map((c) => c.label)).toEqual(['宝城街道 · 东方花园', '宝城街道 · 东城花园']);
  });

  it('the beginning of a road typed alone, with a number', () => {
    const m = ask('新昌35号');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '实验小学', junior: '第一实验中学' });
    expect(m.advice).toBe('按「新昌路」查询，如不是请重新输入或致电学校核实');
  });

  it('an address not in the table', () => {
    const m = ask('幸福大街88号');
    expect(m).toEqual({
      status: 'none',
      understood: null,
      certain: false,
      advice: '未能识别该地址，请检查镇街、社区（村）、小区或道路名称是否正确，或使用逐级选择查询；仍查不到的，请致电县教育局咨询',
    });
  });
});

describe('ZoningIndex: the cascade', () => {
  it('lists towns, then a town’s villages and roads without a village, then a village’s compounds', () => {
    expect(index.places().map((o) => [o.level, o.name, o.answers, o.needsNumber])).toEqual([
      ['town', '宝城街道', false, false],
      ['town', '乔官镇', false, false],
      ['town', '营丘镇', false, false],
      ['town', '朱刘街道', false, false],
    ]);
    expect(index.places('宝城街道').map((o) => [o.level, o.name, o.answers, o.needsNumber])).toEqual([
      ['village', '北岩社区', false, false],
      ['village', '辛庄社区', true, false],
      ['compound', '东城花园', true, false],
      ['compound', '东方花园', true, false],
      ['compound', '利民街', false, true],
      ['compound', '人民路', true, false],
      ['compound', '文化路', true, false],
      ['compound', '新昌路', false, true],
    ]);
    expect(index.places('宝城街道', '北岩社区').map((o) => [o.level, o.name, o.answers, o.needsNumber])).toEqual([
      ['compound', '北辰花园', true, false],
      ['compound', '锦绣华庭二期', false, true],
    ]);
    expect(index.places('营丘镇').map((o) => [o.name, o.answers])).toEqual([
      ['东村', true],
      ['西村', true],
    ]);
  });

  it('a town whose whole-town rules cover everything answers alone', () => {
    const rural = new ZoningIndex({ schools: TABLE.schools, rules: [rule(['小学', '乔官中心小学', '乔官镇', '', '']), rule(['初中', '乔官中学', '乔官镇', '', ''])], aliases: [] });
    expect(rural.places()).toEqual([{ level: 'town', name: '乔官镇', answers: true, needsNumber: false }]);
  });

  it('unknown levels list nothing', () => {
    expect(index.places('不存在镇')).toEqual([]);
    expect(index.places('宝城街道', '不存在社区')).toEqual([]);
  });

  it('looks up what the cascade sends back', () => {
    expect(brief(index.lookup({ town: '宝城街道', village: '北岩社区', compound: '锦绣华庭二期', building: 7 }))).toEqual({ status: 'matched', certain: true, primary: '北城小学', junior: '第一实验中学' });
    expect(brief(index.lookup({ town: '宝城街道', village: '', compound: '新昌路', number: 36 }))).toEqual({ status: 'matched', certain: true, primary: '城南小学', junior: '第一实验中学' });
    expect(brief(index.lookup({ town: '营丘镇', village: '西村' }))).toEqual({ status: 'matched', certain: true, primary: '营丘第二小学', junior: '营丘中学' });
    expect(index.lookup({ town: '宝城街道', compound: '新昌路' }).status).toBe('ambiguous');
  });

  it('the candidates of an ambiguous answer lead to an answer when sent back', () => {
    const m = ask('人民路5号');
    const pick = m.candidates![1]!;
    expect(brief(index.lookup({ town: pick.town, village: pick.village, compound: pick.compound, number: 5, applicant: 'local' }))).toEqual({ status: 'matched', certain: true, primary: '朱刘小学', junior: '朱刘中学' });
  });
});

describe('ZoningIndex: text that contradicts itself or the table is never certain', () => {
  it('two places leading to different schools: ambiguous with both, whatever the word order', () => {
    // 新昌路2号 is 城南小学 (2—100 双号), 北辰花园 is 北城小学.
    for (const q of ['新昌路2号北辰花园', '北辰花园新昌路2号']) {
      const m = ask(q);
      expect({ status: m.status, certain: m.certain, primary: m.primary }).toEqual({ status: 'ambiguous', certain: false, primary: undefined });
      expect(m.candidates?.map((c) => c.label).sort()).toEqual(['宝城街道 · 北辰花园', '宝城街道 · 新昌路 2号']);
      expect(m.advice).toContain('「新昌路」');
      expect(m.advice).toContain('「北辰花园」');
    }
  });

  it('two places that name the same schools answer as one', () => {
    // 新昌路101号 is 北城小学 (101—199), like 北辰花园; 第一实验中学 for both.
    expect(brief(ask('新昌路101号北辰花园'))).toEqual({ status: 'matched', certain: true, primary: '北城小学', junior: '第一实验中学' });
  });

  it('an old and a current name with different numbers: the current name’s number, not certain', () => {
    const m = ask('新昌路101号（原解放路2号）');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '北城小学', junior: '第一实验中学' });
    expect(m.understood).toBe('宝城街道 新昌路 101号');
    expect(m.advice).toBe('地址中有多个门牌号或楼栋号，以下按「宝城街道 新昌路 101号」查询，请核对');
    expect(brief(ask('原解放路2号现新昌路101号'))).toEqual({ status: 'matched', certain: false, primary: '北城小学', junior: '第一实验中学' });
  });

  it('a second house number, or a house number after the building, is not certain', () => {
    const m = ask('新昌路1号3号');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '实验小学', junior: '第一实验中学' });
    expect(m.understood).toBe('宝城街道 新昌路 1号');
    expect(ask('新昌路5号楼101号').certain).toBe(false);
  });

  it('another county’s 省/市/县/区 before the address: answered from this table, not certain', () => {
    const m = ask('寿光市新昌路101号');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '北城小学', junior: '第一实验中学' });
    expect(m.advice).toBe('您输入的地址似乎不在本县（寿光市），以下按本县的「宝城街道 新昌路 101号」查询，仅供参考');
    expect(ask('北京市朝阳区新昌路101号').certain).toBe(false);
    // 昌乐县 starts the schools' addresses (昌乐县实验小学 …): the county's own name does no harm.
    expect(ask('山东省潍坊市昌乐县新昌路101号').certain).toBe(true);
    // 潍坊市 alone is not known as home unless the index is told.
    expect(ask('潍坊市新昌路101号').certain).toBe(false);
    expect(new ZoningIndex(TABLE, { homeNames: ['潍坊市'] }).lookup({ q: '潍坊市新昌路101号' }).certain).toBe(true);
  });

  it('a 社区 that does not hold the compound: the table’s 社区 is used and the answer is not certain', () => {
    // 北辰花园 is in 北岩社区, whose junior rule (第一实验中学) applies, not the town's (第二中学).
    const m = ask('辛庄社区北辰花园');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '北城小学', junior: '第一实验中学' });
    expect(m.understood).toBe('宝城街道 北岩社区 北辰花园');
    expect(m.advice).toBe('划片表中「北辰花园」属于北岩社区，不属于辛庄社区，以下按北岩社区查询，请核对');
  });

  it('the cascade with a 社区 that does not hold the compound: ambiguous, the table’s place offered', () => {
    const m = index.lookup({ town: '宝城街道', village: '辛庄社区', compound: '北辰花园' });
    expect({ status: m.status, certain: m.certain, primary: m.primary }).toEqual({ status: 'ambiguous', certain: false, primary: undefined });
    expect(m.candidates).toEqual([{ label: '宝城街道 · 北岩社区 · 北辰花园', town: '宝城街道', village: '北岩社区', compound: '北辰花园', hint: '请选择小区或道路' }]);
  });

  it('a phase or section the table does not have is not certain; one in the name is', () => {
    const m = ask('北辰花园二期');
    expect(brief(m)).toEqual({ status: 'matched', certain: false, primary: '北城小学', junior: '第一实验中学' });
    expect(m.advice).toBe('划片表中没有「2期」的单独划片，以下按「宝城街道 北岩社区 北辰花园」查询，请核对');
    expect(ask('北辰花园东区3号楼').certain).toBe(false);
    expect(ask('北辰花园B区').certain).toBe(false);
    expect(brief(ask('锦绣华庭二期6号楼'))).toEqual({ status: 'matched', certain: true, primary: '北城小学', junior: '第一实验中学' });
    expect(ask('北辰花园小区').certain).toBe(true);
  });
});

describe('ZoningIndex: the text kept of a miss', () => {
  it.each([
    ['山东省昌乐县幸福大街88号3单元501室', '山东省昌乐县幸福大街88号'],
    ['幸福家园3-2-501', '幸福家园3栋'],
    ['幸福家园 三号楼 五楼', '幸福家园3栋'],
    ['路'.repeat(500), '路'.repeat(60)],
  ])('%s → %s', (q, expected) => {
    expect(index.missText({ q })).toBe(expected);
  });

  it('keeps the cascade’s choice with its number', () => {
    expect(index.missText({ town: '宝城街道', compound: '幸福大街', number: 88 })).toBe('宝城街道幸福大街88号');
  });

  it('is null for empty input', () => {
    expect(index.missText({ q: '' })).toBeNull();
    expect(index.missText({})).toBeNull();
    expect(index.missText({ q: '🙂🙂🙂' })).toBeNull();
  });
});

describe('ZoningIndex: hostile input answers and never throws', () => {
  const inputs: [string, unknown][] = [
    ['empty', ''],
    ['10 KB of emoji', '🙂'.repeat(5000)],
    ['10 KB of one character', '路'.repeat(10_000)],
    ['only digits', '1234567890'.repeat(50)],
    ['only punctuation', '，。、·-—_/（）'.repeat(100)],
    ['a lone surrogate', '\ud83d新昌路35号'],
    ['numerals only', '一二三四五六七八九十百千万'.repeat(20)],
    ['dashes and digits', '1-'.repeat(3000)],
    ['not a string', 35],
    ['null', null],
  ];

  it.each(inputs)('%s', (_why, q) => {
    const m = index.lookup({ q: q as string });
    expect(['none', 'ambiguous', 'matched']).toContain(m.status);
    expect(index.missText({ q: q as string })?.length ?? 0).toBeLessThanOrEqual(60);
  });

  it('a null-ish query', () => {
    expect(index.lookup(undefined as unknown as ZoningQuery).status).toBe('none');
    expect(index.lookup({ town: null, village: 5, number: -1, building: Number.NaN } as unknown as ZoningQuery).status).toBe('none');
    expect(index.missText(null as unknown as ZoningQuery)).toBeNull();
  });

  it('the long input is read from its first 100 characters', () => {
    expect(brief(ask('新昌路35号' + '🙂'.repeat(5000)))).toEqual({ status: 'matched', certain: true, primary: '实验小学', junior: '第一实验中学' });
  });

  it('an empty table answers none', () => {
    const empty = new ZoningIndex({ schools: [], rules: [], aliases: [] });
    expect(empty.lookup({ q: '新昌路35号' }).status).toBe('none');
    expect(empty.places()).toEqual([]);
  });
});

describe('ZoningIndex: a county-sized table (its speed is measured by `npm run bench`, not here)', () => {
  it('answers over 5,000 rules as over a small table', () => {
    const rules: ZoningRuleRow[] = [];
    for (let t = 0; t < 20; t += 1) {
      const town = `测试${t}镇`;
      rules.push(rule(['初中', `测试${t}中学`, town, '', '']));
      for (let v = 0; v < 25; v += 1) {
        const village = `第${t}镇${v}村`;
        rules.push(rule(['小学', `测试${t}镇${v}小学`, town, village, '']));
        for (let c = 0; c < 4; c += 1) {
          rules.push(rule(['小学', `测试${t}镇${v}小学`, town, village, `第${t}镇${v}村${c}号路`, 1, 99, 'odd']));
          rules.push(rule(['小学', `测试${t}镇中心小学`, town, village, `第${t}镇${v}村${c}号路`, 2, 100, 'even']));
        }
      }
    }
    expect(rules.length).toBeGreaterThanOrEqual(4500);
    const big = new ZoningIndex({ schools: [], rules, aliases: [] });
    const answer = (q: string) => {
      const m = big.lookup({ q });
      return [m.status, m.primary?.school.name ?? null, m.junior?.school.name ?? null];
    };
    expect(answer('测试3镇第3镇7村2号路35号')).toEqual(['matched', '测试3镇7小学', '测试3中学']);
    expect(answer('第3镇7村二号路三十六号')).toEqual(['matched', '测试3镇中心小学', '测试3中学']);
    expect(answer('第12镇4村1号路')[0]).toBe('ambiguous');
    expect(answer('没有这个地方的地址88号')).toEqual(['none', null, null]);
    expect(answer('🙂'.repeat(200))).toEqual(['none', null, null]);
  });
});
