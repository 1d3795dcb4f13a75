import { Workbook } from 'exceljs';
import iconv from 'iconv-lite';
import { crc32, deflateRawSync } from 'node:zlib';
import type { ZoningRuleRow, ZoningSchoolRow, ZoningTableData } from '../zoning-data';
import { parseZoningUpload, writeZoningWorkbook, zoningTemplate, type ZoningParseOutcome } from './zoning-workbook';

type Cell = string | number | Date | null;

/** A workbook written with exceljs directly (not with the code under test): sheet name → rows, row 1 first. */
async function xlsx(sheets: Record<string, Cell[][]>, merges: Record<string, string[]> = {}): Promise<Buffer> {
  const workbook = new Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
    for (const range of merges[name] ?? []) sheet.mergeCells(range);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const parse = (bytes: Buffer, name = 'table.xlsx', known: ZoningSchoolRow[] = []) => parseZoningUpload({ file: { name, bytes } }, known);
const issues = (outcome: ZoningParseOutcome) => {
  if (outcome.ok) throw new Error('expected the file to be refused');
  return outcome.issues;
};
const data = (outcome: ZoningParseOutcome): ZoningTableData => {
  if (!outcome.ok) throw new Error(`expected a table, got ${JSON.stringify(outcome.issues, null, 1)}`);
  return outcome.data;
};

const HEADERS = ['学段', '学校', '镇街', '社区村', '小区道路', '起始号', '终止号', '单双', '备注'];
const SCHOOLS: Cell[][] = [
  ['学校', '学段', '地址', '电话'],
  ['昌乐县实验小学', '小学', '宝城街道新昌路', '0536-6226018'],
  ['昌乐县北城小学', '小学', '宝城街道新昌路北段', '0536-6290316'],
  ['昌乐县第一实验中学', '初中', '宝城街道', '0536-6225377'],
];
const school = (name: string, kind: ZoningSchoolRow['kind'], address: string, phone: string, sourceRow: number | null): ZoningSchoolRow => ({
  name,
  kind,
  ownership: 'public',
  address,
  phone,
  capacity: null,
  location: null,
  sourceRow,
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

describe('parseZoningUpload: what a good sheet reads as', () => {
  it('takes the headers in any order without the optional columns, and numbers as numbers or text (12, “12号”, full-width “１２”)', async () => {
    const file = await xlsx({
      学区划分: [
        ['备注', '终止号', '起始号', '单双', '小区道路', '社区村', '镇街', '学校', '学段'],
        [null, 99, 1, '单', '新昌路', '利民社区', '宝城街道', '昌乐县实验小学', '小学'],
        ['双号一侧', '１００号', '２', '双号', '新昌路', '新华社区', '宝城街道', '昌乐县北城小学', '小学'],
        ['整个小区', null, null, null, ' 北辰花园 ', '北岩社区', '宝城街道', '昌乐县北城小学', '小学'],
        [null, null, null, '全', null, '北岩社区', '宝城街道', '昌乐县第一实验中学', '初中'],
      ],
      学校信息: SCHOOLS,
    });
    expect(data(await parse(file))).toEqual({
      schools: [
        school('昌乐县实验小学', 'primary', '宝城街道新昌路', '0536-6226018', 2),
        school('昌乐县北城小学', 'primary', '宝城街道新昌路北段', '0536-6290316', 3),
        school('昌乐县第一实验中学', 'junior', '宝城街道', '0536-6225377', 4),
      ],
      rules: [
        rule({ village: '利民社区', compound: '新昌路', from: 1, to: 99, parity: 'odd', sourceRow: 2 }),
        rule({ school: '昌乐县北城小学', village: '新华社区', compound: '新昌路', from: 2, to: 100, parity: 'even', note: '双号一侧', sourceRow: 3 }),
        rule({ school: '昌乐县北城小学', village: '北岩社区', compound: '北辰花园', note: '整个小区', sourceRow: 4 }),
        rule({ stage: 'junior', school: '昌乐县第一实验中学', village: '北岩社区', sourceRow: 5 }),
      ],
      aliases: [],
    });
  });

  it('reads the optional columns, a title line above the headers, merged cells as their first cell, and the 地名别称 sheet', async () => {
    const file = await xlsx(
      {
        学区划分: [
          ['2026年城区小学划片范围'],
          [...HEADERS, '楼栋起', '楼栋止', '适用对象', '条件'],
          ['小学', '昌乐县实验小学', '宝城街道', '利民社区', '锦绣华庭', null, null, null, null, '1号楼', '12栋', null, null],
          ['小学', '昌乐县北城小学', null, '利民社区', '锦绣华庭', null, null, null, null, 13, 20, '全部', null],
          ['小学', '昌乐县实验小学', '宝城街道', '方山社区', '教育局家属院', null, null, null, '房产与户籍一致', null, null, '本地户籍', '房户一致'],
          ['小学', '昌乐县北城小学', '宝城街道', null, null, null, null, null, null, null, null, '随迁子女', null],
        ],
        学校信息: [
          ['学校', '学段', '地址', '电话', '性质', '学位数', '经度', '纬度'],
          ['昌乐县实验小学', '小学', '宝城街道新昌路', 6226018, '公办', 2400, 118.83, 36.7],
          ['昌乐县北城小学', '小学', '宝城街道新昌路北段', '0536-6290316', '', null, null, null],
        ],
        地名别称: [
          ['别名', '标准名称'],
          ['锦绣花园', '锦绣华庭'],
        ],
      },
      // 镇街 of the first two rules merged, as staff often write it.
      { 学区划分: ['C3:C4'] },
    );
    expect(data(await parse(file))).toEqual({
      schools: [
        { ...school('昌乐县实验小学', 'primary', '宝城街道新昌路', '6226018', 2), capacity: 2400, location: { longitude: 118.83, latitude: 36.7 } },
        school('昌乐县北城小学', 'primary', '宝城街道新昌路北段', '0536-6290316', 3),
      ],
      rules: [
        rule({ village: '利民社区', compound: '锦绣华庭', buildingFrom: 1, buildingTo: 12, sourceRow: 3 }),
        rule({ school: '昌乐县北城小学', village: '利民社区', compound: '锦绣华庭', buildingFrom: 13, buildingTo: 20, sourceRow: 4 }),
        rule({ village: '方山社区', compound: '教育局家属院', applicant: 'local', condition: '房户一致', note: '房产与户籍一致', sourceRow: 5 }),
        rule({ school: '昌乐县北城小学', applicant: 'migrant', sourceRow: 6 }),
      ],
      aliases: [{ alias: '锦绣花园', name: '锦绣华庭' }],
    });
  });

  it('reads a CSV in UTF-8 with or without a BOM, in GB18030 and in UTF-16, schools from a second CSV or from the earlier table', async () => {
    const rules = ['学段,学校,镇街,社区村,小区道路,起始号,终止号,单双,备注', '小学,昌乐县实验小学,宝城街道,利民社区,新昌路,1,99,单,"单号,一侧"', ''].join('\r\n');
    const schools = '学校,学段,地址,电话\n昌乐县实验小学,小学,宝城街道新昌路,0536-6226018\n';
    const expected = rule({ village: '利民社区', compound: '新昌路', from: 1, to: 99, parity: 'odd', note: '单号,一侧', sourceRow: 2 });
    const withSchools = (bytes: Buffer) =>
      parseZoningUpload({ file: { name: 'rules.csv', bytes }, schoolsFile: { name: 'schools.csv', bytes: iconv.encode(schools, 'gb18030') } }, []);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rules, 'utf16le')]);
    for (const bytes of [Buffer.from(`\uFEFF${rules}`, 'utf8'), Buffer.from(rules, 'utf8'), iconv.encode(rules, 'gb18030'), utf16]) {
      expect(data(await withSchools(bytes))).toEqual({ schools: [school('昌乐县实验小学', 'primary', '宝城街道新昌路', '0536-6226018', 2)], rules: [expected], aliases: [] });
    }
    // Without a schools file: the earlier table's schools, only those the rules name.
    const known = [school('昌乐县实验小学', 'primary', '旧地址', '0536-1', 7), school('昌乐县育才小学', 'primary', '宝都街道', '0536-2', 8)];
    expect(data(await parse(iconv.encode(rules, 'gb18030'), 'rules.csv', known))).toEqual({
      schools: [school('昌乐县实验小学', 'primary', '旧地址', '0536-1', null)],
      rules: [expected],
      aliases: [],
    });
    expect(issues(await parse(Buffer.from(rules), 'rules.csv'))).toEqual([
      { field: 'file', message: '没有学校信息：请在工作簿中加入“学校信息”工作表，或随 CSV 一并上传学校信息表' },
    ]);
  });

  it('reports progress every 500 rows and at the end', async () => {
    const lines = ['学段,学校,镇街,社区村,小区道路,起始号,终止号,单双,备注'];
    for (let i = 1; i <= 1200; i++) lines.push(`小学,昌乐县实验小学,宝城街道,利民社区,道路${i},,,,`);
    const calls: [number, number][] = [];
    const outcome = await parseZoningUpload({ file: { name: 'r.csv', bytes: Buffer.from(lines.join('\n')) } }, [school('昌乐县实验小学', 'primary', '', '', null)], (done, total) =>
      calls.push([done, total]),
    );
    expect(data(outcome).rules).toHaveLength(1200);
    expect(calls).toEqual([
      [0, 1200],
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
  });
});

describe('parseZoningUpload: every problem with its sheet, row and column', () => {
  it('names each bad cell of the rules sheet, in the order the file reads', async () => {
    const file = await xlsx({
      学区划分: [
        [...HEADERS, '楼栋起', '楼栋止', '适用对象'],
        /* 2 */ ['小学', null, '宝城街道', '利民社区', '新昌路', 1, 99, '单', null],
        /* 3 */ [null, '昌乐县实验小学', null, '利民社区', '新昌路', 101, 199, '单', null],
        /* 4 */ ['高中', '昌乐县实验小学', '宝城街道', '利民社区', '新昌路', 1, 99, '隔号', null, null, null, '外地'],
        /* 5 */ ['小学', '昌乐县实验小学', '宝城街道', '利民社区', '新昌路', 99, 1, '单', null],
        /* 6 */ ['小学', '昌乐县实验小学', '宝城街道', '利民社区', '新昌路', 201, null, '单', null],
        /* 7 */ ['小学', '昌乐县实验小学', '宝城街道', '利民社区', '新昌路', 4, 4, '单', null],
        /* 8 */ ['小学', '昌乐县实验小学', '宝城街道', '利民社区', null, null, null, null, null, 1, 5],
        /* 9 */ ['小学', '昌乐县育才小学', '宝城街道', '利民社区', '利民街', null, null, null, null],
        /* 10 */ ['初中', '昌乐县实验小学', '宝城街道', '利民社区', null, null, null, null, null],
        /* 11 */ ['小学', '昌乐县实验小学', '宝城街道', '方山社区', '方山路', '十二', '20号', '双', null],
        /* 12 */ ['小学', '昌乐县实验小学', '宝城街道', '方山社区', new Date(Date.UTC(2026, 2, 5)), null, null, null, null],
        /* 13 */ ['小学', '昌乐县实验小学', '宝城街道', '方山社区', '方', null, null, null, '很长'.repeat(101)],
        /* 14 */ ['小学', '昌乐县实验小学', '宝城街道', '方山社区', '方山路', 1, 99, '单', null],
        /* 15 */ ['小学', '昌乐县实验小学', '宝城街道', '方山社区', '方山路', 1, 99, '单', '重复一遍'],
        /* 16 */ ['小学', '昌乐县北城小学', '宝城街道', '方山社区', '方山路', 1, 99, '单', null],
        /* 17 */ ['小学', '昌乐县实验小学', '宝城街道', '方山社区', null, null, null, '单', null],
      ],
      学校信息: [...SCHOOLS, ['昌乐县北城小学', '小学', '重复的一行', '']],
      地名别称: [
        ['别名', '标准名称'],
        ['原解放路', '解放路'],
        ['锦绣花园', null],
      ],
    });
    const at = (row: number, letter: string, column: string, message: string) => ({ field: `学区划分!${letter}${row}`, sheet: '学区划分', row, column, message });
    expect(issues(await parse(file))).toEqual([
      at(2, 'B', '学校', '缺少学校'),
      at(3, 'A', '学段', '缺少学段'),
      at(3, 'C', '镇街', '缺少镇街'),
      at(4, 'A', '学段', '学段应为“小学”、“初中”之一，而不是“高中”'),
      at(4, 'H', '单双', '单双应为“全”、“单”、“双”之一，而不是“隔号”'),
      at(4, 'L', '适用对象', '适用对象应为“全部”、“本地户籍”、“随迁子女”之一，而不是“外地”'),
      at(5, 'G', '终止号', '终止号 1 小于起始号 99'),
      at(6, 'G', '终止号', '只填了起始号，缺少终止号（整条道路或整个小区请两格都不填）'),
      at(7, 'H', '单双', '4号到4号之间没有单号'),
      at(8, 'E', '小区道路', '填了楼栋范围，但没有填小区'),
      at(9, 'B', '学校', '学校“昌乐县育才小学”不在学校信息中'),
      at(10, 'B', '学校', '昌乐县实验小学是小学，不能招收初中学生'),
      at(11, 'F', '起始号', '起始号应为数字，如“12”或“12号”，而不是“十二”'),
      at(12, 'E', '小区道路', 'Excel 把这一格当成了日期（例如把“3-5”识别成 3月5日），请把该列设为“文本”格式后重新填写'),
      at(13, 'I', '备注', '备注超过 200 个字'),
      { field: '学区划分!15:15', sheet: '学区划分', row: 15, message: '与第 14 行重复' },
      at(16, 'B', '学校', '与第 14 行是同一范围，却划给了不同学校（第 14 行：昌乐县实验小学；第 16 行：昌乐县北城小学）'),
      at(17, 'H', '单双', '单双只用于道路的门牌号；整个社区（村）请填“全”或不填'),
      { field: '学校信息!A5', sheet: '学校信息', row: 5, column: '学校', message: '学校“昌乐县北城小学”在第 3 行已经列出' },
      { field: '地名别称!B2', sheet: '地名别称', row: 2, column: '标准名称', message: '“解放路”不是划片表中的镇街、社区村或小区道路' },
      { field: '地名别称!B3', sheet: '地名别称', row: 3, column: '标准名称', message: '缺少标准名称' },
    ]);
  });

  it('names missing and doubled headers, and takes nothing from a sheet without its columns', async () => {
    const file = await xlsx({
      Sheet1: [
        ['学段', '学校', '镇街', '小区道路', '起始号', '终止号', '学校'],
        ['小学', '昌乐县实验小学', '宝城街道', '新昌路', 1, 99, null],
      ],
      学校信息: [['学校', '学段', '电话'], ['昌乐县实验小学', '小学', '']],
    });
    expect(issues(await parse(file))).toEqual([
      { field: 'Sheet1!1:1', sheet: 'Sheet1', row: 1, column: '社区村', message: '缺少“社区村”列' },
      { field: 'Sheet1!1:1', sheet: 'Sheet1', row: 1, column: '单双', message: '缺少“单双”列' },
      { field: 'Sheet1!1:1', sheet: 'Sheet1', row: 1, column: '备注', message: '缺少“备注”列' },
      { field: 'Sheet1!G1', sheet: 'Sheet1', row: 1, column: '学校', message: '“学校”列出现了两次（B 列和 G 列）' },
      { field: '学校信息!1:1', sheet: '学校信息', row: 1, column: '地址', message: '缺少“地址”列' },
    ]);
  });

  it('lists at most 200 problems, the last saying how many more', async () => {
    const lines = ['学段,学校,镇街,社区村,小区道路,起始号,终止号,单双,备注'];
    for (let i = 1; i <= 250; i++) lines.push(`小学,昌乐县实验小学,宝城街道,利民社区,道路${i},${i + 1},${i},,`);
    const found = issues(await parse(Buffer.from(lines.join('\n')), 'r.csv', [school('昌乐县实验小学', 'primary', '', '', null)]));
    expect(found).toHaveLength(200);
    expect(found[0]).toEqual({ field: '学区划分!G2', sheet: '学区划分', row: 2, column: '终止号', message: '终止号 1 小于起始号 2' });
    expect(found[199]).toEqual({ field: 'file', message: '还有 51 个问题未列出，请先修改以上问题后重新导入' });
  });
});

/** A ZIP written field by field, so a test can make its central directory say what it likes. */
function zip(parts: { name: string; data: Buffer; declared?: number; raw?: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const body = part.raw ?? deflateRawSync(part.data);
    const name = Buffer.from(part.name);
    const size = part.declared ?? part.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(part.data), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(part.data), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('parseZoningUpload: sizes are checked before anything is parsed', () => {
  it('refuses a file over 10 MB', async () => {
    expect(issues(await parse(Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), 'big.csv'))).toEqual([{ field: 'file', message: '“big.csv”超过 10 MB 的上限' }]);
  });

  it('refuses a zip that declares a 70 MB sheet from its directory alone, without inflating it', async () => {
    // The sheet's bytes are not deflate data at all: inflating them would fail differently.
    const bomb = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(10), declared: 70 * 1024 * 1024, raw: Buffer.from('not deflate data') },
    ]);
    expect(issues(await parse(bomb))).toEqual([{ field: 'file', message: '文件解压后超过 60 MB，不像是一张划片表；请删去图片和无关的工作表后重新上传' }]);
  });

  it('refuses a sheet that inflates to more than its directory says', async () => {
    const lying = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(2 * 1024 * 1024, 0x20), declared: 1000 },
    ]);
    expect(issues(await parse(lying))).toEqual([{ field: 'file', message: '无法读取该文件：文件可能已损坏，或不是 Excel 保存的 .xlsx 文件' }]);
  });

  it('refuses a sheet of more cells than a table has, and whole-column merges, before exceljs reads them', async () => {
    const cells = '<c r="A1"/>'.repeat(500_001);
    const many = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<worksheet><sheetData><row r="1">${cells}</row></sheetData></worksheet>`) },
    ]);
    expect(many.length).toBeLessThan(100_000);
    expect(issues(await parse(many))).toEqual([{ field: 'file', message: '工作簿的单元格超过 500000 个，请删去无关的工作表和空白格式后重新上传' }]);
    const merged = zip([
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>') },
    ]);
    expect(issues(await parse(merged))).toEqual([{ field: 'file', message: '工作簿中合并单元格过多或范围过大（如整列合并），请取消合并后重新上传' }]);
  });

  it('refuses more rows than the cap, and tells an old .xls from a CSV', async () => {
    const lines = ['学段,学校,镇街,社区村,小区道路,起始号,终止号,单双,备注'];
    for (let i = 1; i <= 20_001; i++) lines.push(`小学,昌乐县实验小学,宝城街道,利民社区,道路${i},,,,`);
    expect(issues(await parse(Buffer.from(lines.join('\n')), 'r.csv', [school('昌乐县实验小学', 'primary', '', '', null)]))).toEqual([
      { field: 'file', message: '“学区划分”有 20001 行，超过上限 20000 行' },
    ]);
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(issues(await parse(ole, '2026.xls'))).toEqual([{ field: 'file', message: '“2026.xls”是旧版 Excel（.xls）文件或设置了打开密码，请取消密码并另存为 .xlsx 后重新上传' }]);
  });
});

describe('the template and a table written back', () => {
  it('downloads a template whose sheets and example rows import as they are', async () => {
    const template = await zoningTemplate();
    const book = new Workbook();
    await book.xlsx.load(template as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['学区划分', '学校信息', '地名别称', '说明']);
    const header = book.getWorksheet('学区划分')!.getRow(1);
    const headers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((i) => `${String(header.getCell(i).value)}${header.getCell(i).font?.bold ? '*' : ''}`);
    expect(headers).toEqual(['学段*', '学校*', '镇街*', '社区村*', '小区道路*', '起始号*', '终止号*', '单双*', '备注*', '楼栋起', '楼栋止', '适用对象', '条件']);
    const validations = (book.getWorksheet('学区划分') as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }).dataValidations.model;
    expect(validations.A2.formulae).toEqual(['"小学,初中"']);
    expect(validations.H20001.formulae).toEqual(['"全,单,双"']);
    expect(validations.L2.formulae).toEqual(['"全部,本地户籍,随迁子女"']);

    const table = data(await parse(template, '义务教育学校划片范围（模板）.xlsx'));
    expect(table.rules).toHaveLength(11);
    expect(table.schools.map((s) => s.name)).toEqual(['昌乐县实验小学', '昌乐县北城小学', '昌乐县第二实验小学', '昌乐县育才小学', '昌乐县第一实验中学', '乔官镇中心小学', '营丘镇九年一贯制学校', '昌乐县明德学校']);
    expect(table.rules[1]).toEqual(rule({ school: '昌乐县北城小学', village: '新华社区', compound: '新昌路', from: 2, to: 100, parity: 'even', note: '双号一侧', sourceRow: 3 }));
    expect(table.rules[6]).toEqual(rule({ stage: 'junior', school: '营丘镇九年一贯制学校', town: '营丘镇', note: '营丘镇全镇（社区村、小区道路都不填）', sourceRow: 8 }));
    expect(table.aliases).toEqual([
      { alias: '原解放路', name: '新昌路' },
      { alias: '锦绣花园', name: '锦绣华庭' },
    ]);
  });

  it('writes a table that reads back the same', async () => {
    const table: ZoningTableData = {
      schools: [
        { ...school('昌乐县实验小学', 'primary', '宝城街道新昌路', '0536-6226018', 2), capacity: 2400, location: { longitude: 118.834512, latitude: 36.703321 } },
        { ...school('昌乐县明德学校', 'nine_year', '宝都街道', '', 3), ownership: 'private' },
        school('营丘镇九年一贯制学校', 'nine_year', '营丘镇', '0536-1', 4),
      ],
      rules: [
        rule({ village: '利民社区', compound: '新昌路', from: 1, to: 99, parity: 'odd', note: '单号', sourceRow: 2 }),
        rule({ village: '利民社区', compound: '锦绣华庭', buildingFrom: 1, buildingTo: 12, sourceRow: 3 }),
        rule({ village: '方山社区', compound: '教育局家属院', applicant: 'local', condition: '房户一致', sourceRow: 4 }),
        rule({ stage: 'junior', school: '营丘镇九年一贯制学校', town: '营丘镇', applicant: 'migrant', sourceRow: 5 }),
      ],
      aliases: [{ alias: '原解放路', name: '新昌路' }],
    };
    expect(data(await parse(await writeZoningWorkbook(table, 2026), '2026年义务教育学校划片范围.xlsx'))).toEqual(table);
  });
});
