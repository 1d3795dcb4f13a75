import type { ZoningRuleRow, ZoningSchoolRow, ZoningTableData } from '../zoning-data';
import { diffZoningTables, placeLabel } from './zoning-diff';

const school = (name: string, kind: ZoningSchoolRow['kind'] = 'primary'): ZoningSchoolRow => ({
  name,
  kind,
  ownership: 'public',
  address: '',
  phone: '',
  capacity: null,
  sourceRow: null,
});
const rule = (r: Partial<ZoningRuleRow>): ZoningRuleRow => ({
  stage: 'primary',
  school: '昌乐县实验小学',
  town: '宝城街道',
  village: '',
  compound: '',
  from: null,
  to: null,
  parity: 'all',
  buildingFrom: null,
  buildingTo: null,
  applicant: 'all',
  condition: null,
  note: null,
  sourceRow: null,
  ...r,
});

/** 2025: before 北城小学 opened. */
const y2025: ZoningTableData = {
  schools: [school('昌乐县实验小学'), school('营丘镇古城小学'), school('昌乐县第一实验中学', 'junior')],
  rules: [
    rule({ village: '北岩社区' }),
    rule({ village: '北岩社区', compound: '北辰花园' }),
    rule({ village: '利民社区', compound: '新昌路', from: 1, to: 199, parity: 'odd' }),
    rule({ village: '利民社区', compound: '锦绣华庭', buildingFrom: 1, buildingTo: 20 }),
    rule({ stage: 'junior', school: '昌乐县第一实验中学', village: '北岩社区' }),
    rule({ school: '营丘镇古城小学', town: '营丘镇', village: '东古城村' }),
    rule({ village: '方山社区', compound: '教育局家属院', note: '旧备注' }),
  ],
  aliases: [],
};

/** 2026: 北城小学 takes 北岩社区, the upper half of 新昌路's odd side and part of 锦绣华庭; 古城小学 closed. */
const y2026: ZoningTableData = {
  schools: [school('昌乐县实验小学'), school('昌乐县北城小学'), school('昌乐县第一实验中学', 'junior')],
  rules: [
    rule({ school: '昌乐县北城小学', village: '北岩社区' }),
    rule({ school: '昌乐县北城小学', village: '北岩社区', compound: '北辰花园' }),
    rule({ village: '利民社区', compound: '新昌路', from: 1, to: 99, parity: 'odd' }),
    rule({ school: '昌乐县北城小学', village: '利民社区', compound: '新昌路', from: 101, to: 199, parity: 'odd' }),
    rule({ village: '利民社区', compound: '锦绣华庭', buildingFrom: 1, buildingTo: 12 }),
    rule({ school: '昌乐县北城小学', village: '利民社区', compound: '锦绣华庭', buildingFrom: 13, buildingTo: 20 }),
    rule({ stage: 'junior', school: '昌乐县第一实验中学', village: '北岩社区' }),
    rule({ school: '昌乐县北城小学', town: '营丘镇', village: '东古城村' }),
    rule({ village: '方山社区', compound: '教育局家属院', note: '新备注' }),
    rule({ school: '昌乐县北城小学', village: '新华社区', compound: '新华家园' }),
  ],
  aliases: [],
};

describe('diffZoningTables', () => {
  it('lists schools added and removed, counts rules by content and names every range that changes school', () => {
    expect(diffZoningTables(y2025, y2026)).toEqual({
      schoolsAdded: ['昌乐县北城小学'],
      schoolsRemoved: ['营丘镇古城小学'],
      // Unchanged: only the junior rule of 北岩社区; the note of 教育局家属院 changed, so that rule is removed and added.
      rulesAdded: 9,
      rulesRemoved: 6,
      rulesUnchanged: 1,
      moves: [
        { stage: 'primary', place: '宝城街道 · 北岩社区', fromSchool: '昌乐县实验小学', toSchool: '昌乐县北城小学' },
        { stage: 'primary', place: '宝城街道 · 北岩社区 · 北辰花园', fromSchool: '昌乐县实验小学', toSchool: '昌乐县北城小学' },
        // 1—199 (odd) was dropped; 101—199 of it went to 北城小学 (1—99 stayed with 实验小学: no move).
        { stage: 'primary', place: '宝城街道 · 利民社区 · 新昌路 101—199号（单号）', fromSchool: '昌乐县实验小学', toSchool: '昌乐县北城小学' },
        { stage: 'primary', place: '宝城街道 · 利民社区 · 锦绣华庭 13—20栋', fromSchool: '昌乐县实验小学', toSchool: '昌乐县北城小学' },
        { stage: 'primary', place: '营丘镇 · 东古城村', fromSchool: '营丘镇古城小学', toSchool: '昌乐县北城小学' },
      ],
      movesTotal: 5,
    });
  });

  it('against no earlier table: everything is added, nothing moves', () => {
    expect(diffZoningTables(null, y2025)).toEqual({
      schoolsAdded: ['昌乐县实验小学', '营丘镇古城小学', '昌乐县第一实验中学'],
      schoolsRemoved: [],
      rulesAdded: 7,
      rulesRemoved: 0,
      rulesUnchanged: 0,
      moves: [],
      movesTotal: 0,
    });
  });

  it('splits a dropped range by side and number: only the addresses that change school move; at most 500 listed', () => {
    const before: ZoningTableData = { ...y2025, rules: [rule({ compound: '人民路', from: 1, to: 99, parity: 'odd' }), rule({ compound: '人民路', from: 2, to: 98, parity: 'even' })] };
    const after: ZoningTableData = {
      ...y2025,
      rules: [
        rule({ compound: '人民路', from: 1, to: 49, parity: 'odd' }),
        // 50 is on the even side, which was dropped and went to 古城小学 from 2 to 50: a move.
        rule({ school: '营丘镇古城小学', compound: '人民路', from: 2, to: 50, parity: 'even' }),
        rule({ compound: '人民路', from: 52, to: 98, parity: 'even' }),
        // A rule for 随迁子女 only replaces no rule for everyone: not a move.
        rule({ school: '营丘镇古城小学', compound: '人民路', from: 51, to: 51, parity: 'all', applicant: 'migrant' }),
      ],
    };
    expect(diffZoningTables(before, after).moves).toEqual([{ stage: 'primary', place: '宝城街道 · 人民路 2—50号（双号）', fromSchool: '昌乐县实验小学', toSchool: '营丘镇古城小学' }]);
    const oddOnly: ZoningTableData = { ...y2025, rules: [rule({ compound: '人民路', from: 1, to: 99, parity: 'odd' })] };
    const evenNumber: ZoningTableData = { ...y2025, rules: [rule({ compound: '人民路', from: 1, to: 49, parity: 'odd' }), rule({ school: '营丘镇古城小学', compound: '人民路', from: 50, to: 50 })] };
    // 人民路 50号 was not on the odd side 实验小学 had: a new address, not a move.
    expect(diffZoningTables(oddOnly, evenNumber).moves).toEqual([]);

    const many = (school: string): ZoningTableData => ({ ...y2025, rules: Array.from({ length: 600 }, (_, i) => rule({ school, compound: `道路${i + 1}` })) });
    const diff = diffZoningTables(many('昌乐县实验小学'), many('营丘镇古城小学'));
    expect(diff.movesTotal).toBe(600);
    expect(diff.moves).toHaveLength(500);
    expect(diff.moves[499].place).toBe('宝城街道 · 道路500');
  });

  it('labels a place with its range, side, buildings, applicant and condition', () => {
    expect(placeLabel(rule({ village: '方山社区', compound: '教育局家属院', applicant: 'local', condition: '房户一致' }))).toBe('宝城街道 · 方山社区 · 教育局家属院（本地户籍，房户一致）');
    expect(placeLabel(rule({ compound: '新昌路', parity: 'even' }))).toBe('宝城街道 · 新昌路 双号');
    expect(placeLabel(rule({ compound: '新昌路', from: 35, to: 35 }))).toBe('宝城街道 · 新昌路 35号');
    expect(placeLabel(rule({ applicant: 'migrant' }))).toBe('宝城街道（随迁子女）');
  });
});
