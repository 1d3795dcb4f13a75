import { buildingRangeText, numberRangeText, ruleLabel, scanNumbers } from './address-parts';
import { chineseNumeralsToDigits } from './chinese-numerals';
import { withinOneEdit } from './name-finder';
import { cutQuery, normalizeText } from './normalize';

describe('normalizeText', () => {
  it.each([
    ['full-width digits and letters', '北辰花园３号楼', '北辰花园3号楼'],
    ['full-width brackets dropped, their text kept', 'ＡＢＣ小区（二期）', 'abc小区2期'],
    ['spaces and punctuation dropped', ' 新昌路，35号。 ', '新昌路35号'],
    ['a middle dot and slashes', '宝城街道·北岩社区/北辰花园', '宝城街道北岩社区北辰花园'],
    ['a dash between digits kept', '北辰花园 3－2－501', '北辰花园3-2-501'],
    ['a dash between words dropped', '北—辰_花园', '北辰花园'],
    ['3# reads as 3号', '北辰花园3#楼', '北辰花园3号楼'],
    ['emoji dropped', '北辰🙂花园', '北辰花园'],
    ['a lone surrogate dropped, the next character kept', '\ud83d新昌路', '新昌路'],
    ['latin lower-cased', 'CBD Tower A座', 'cbdtowera座'],
  ])('%s: %s → %s', (_why, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('makes a name written with a Chinese numeral equal to the one written with a digit', () => {
    expect(normalizeText('锦绣华庭二期')).toBe(normalizeText('锦绣华庭2期'));
    expect(normalizeText('锦绣华庭二期')).toBe('锦绣华庭2期');
  });

  it('answers empty for empty input', () => {
    expect(normalizeText('')).toBe('');
  });
});

describe('chineseNumeralsToDigits', () => {
  it.each([
    ['三十五号', '35号'],
    ['二〇一室', '201室'],
    ['一百零八号', '108号'],
    ['十二栋', '12栋'],
    ['十号', '10号'],
    ['两栋', '2栋'],
    ['一千零一号', '1001号'],
    ['二十', '20'],
    ['三五号', '35号'],
    ['第一实验中学', '第1实验中学'],
    // 百 / 千 / 万 without a digit before them are words.
    ['百货大楼', '百货大楼'],
    ['千佛山路', '千佛山路'],
    ['万达广场', '万达广场'],
    ['新昌路', '新昌路'],
  ])('%s → %s', (input, expected) => {
    expect(chineseNumeralsToDigits(input)).toBe(expected);
  });
});

describe('cutQuery', () => {
  it('keeps the first 100 characters of a long input', () => {
    expect(cutQuery('路'.repeat(10_000))).toBe('路'.repeat(100));
  });

  it('never splits an emoji', () => {
    const cut = cutQuery('🙂'.repeat(5000));
    expect(Array.from(cut)).toHaveLength(100);
    expect(cut).toBe('🙂'.repeat(100));
  });

  it('answers empty for what is not a string', () => {
    expect(cutQuery(undefined)).toBe('');
    expect(cutQuery(null)).toBe('');
    expect(cutQuery(35)).toBe('');
  });
});

describe('scanNumbers', () => {
  const read = (text: string) => scanNumbers(text).map((t) => `${t.kind}:${t.value}`);

  it.each([
    ['北辰花园3号楼2单元501室', ['building:3', 'drop:0', 'drop:0']],
    ['北辰花园3栋', ['building:3']],
    ['北辰花园3幢', ['building:3']],
    ['北辰花园a座', []],
    ['北辰花园12座', ['building:12']],
    ['新昌路35号', ['house:35']],
    ['新昌路35号院', ['house:35']],
    ['新昌里7弄', ['house:7']],
    ['北辰花园3-2-501', ['building:3']],
    ['新昌路35-2号', ['house:35']],
    ['人民路35', ['bare:35']],
    ['北辰花园5楼', ['drop:0']],
    ['北辰花园6层', ['drop:0']],
    ['新昌路99999999号', ['drop:0']],
    ['新昌路0号', ['drop:0']],
  ])('%s → %j', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('gives the spans it read', () => {
    expect(scanNumbers('新昌路35号')).toEqual([{ start: 3, end: 6, kind: 'house', value: 35 }]);
  });
});

describe('labels', () => {
  it.each([
    [1, 99, 'odd', '1—99号（单号）'],
    [2, 100, 'even', '2—100号（双号）'],
    [101, 199, 'all', '101—199号'],
    [101, null, 'all', '101号及以上'],
    [null, 99, 'all', '99号及以下'],
    [8, 8, 'all', '8号'],
    [null, null, 'even', '双号'],
    [null, null, 'all', ''],
  ] as const)('numbers %p—%p %s → %s', (from, to, parity, expected) => {
    expect(numberRangeText(from, to, parity)).toBe(expected);
  });

  it('names buildings', () => {
    expect(buildingRangeText(1, 5)).toBe('1—5栋');
    expect(buildingRangeText(6, null)).toBe('6栋及以上');
    expect(buildingRangeText(null, null)).toBe('');
  });

  it('labels a rule as a parent reads it', () => {
    const base = { town: '宝城街道', village: '', compound: '人民路', from: 1, to: 99, parity: 'odd', buildingFrom: null, buildingTo: null, applicant: 'all', condition: null } as const;
    expect(ruleLabel(base, true)).toBe('宝城街道 · 人民路 1—99号（单号）');
    expect(ruleLabel({ ...base, village: '北岩社区', compound: '锦绣华庭二期', from: null, to: null, parity: 'all', buildingFrom: 1, buildingTo: 5 }, true)).toBe('宝城街道 · 北岩社区 · 锦绣华庭二期 1—5栋');
    expect(ruleLabel({ ...base, applicant: 'migrant', condition: '房户一致' }, true)).toBe('宝城街道 · 人民路 1—99号（单号）（随迁子女）（房户一致）');
  });
});

describe('withinOneEdit', () => {
  it.each([
    ['北辰花园', '北城花园', true],
    ['北辰花园', '北辰园', true],
    ['北辰花园', '北辰花园园', true],
    ['北辰花园', '北城花圆', false],
    ['北辰花园', '花园北辰', false],
    ['北辰花园', '北辰花园', true],
  ])('%s ~ %s: %p', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });
});
