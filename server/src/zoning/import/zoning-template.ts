import { Workbook, type DataValidation, type Worksheet } from 'exceljs';
import {
  SCHOOL_KIND_LABELS,
  SCHOOL_OWNERSHIP_LABELS,
  ZONING_ALIAS_COLUMNS,
  ZONING_ALIAS_SHEET,
  ZONING_APPLICANT_LABELS,
  ZONING_LIMITS,
  ZONING_PARITY_LABELS,
  ZONING_RULE_COLUMNS,
  ZONING_SCHOOL_COLUMNS,
  ZONING_SCHOOL_SHEET,
  ZONING_STAGE_LABELS,
} from '@gongkai/shared';
import type { ZoningRuleRow, ZoningSchoolRow, ZoningTableData } from '../zoning-data';
import { ZONING_RULE_SHEET } from './zoning-read';
import { ZONING_HELP_SHEET } from './zoning-xlsx';

type Row = (string | number | null)[];

/** What the template shows: one row per pattern the county's table uses, against schools listed in its 学校信息 sheet. */
const EXAMPLE: ZoningTableData = (() => {
  const school = (name: string, kind: ZoningSchoolRow['kind'], address: string, phone: string, ownership: ZoningSchoolRow['ownership'] = 'public'): ZoningSchoolRow => ({
    name,
    kind,
    ownership,
    address,
    phone,
    capacity: null,
    location: null,
    sourceRow: null,
  });
  const rule = (r: Partial<ZoningRuleRow> & Pick<ZoningRuleRow, 'stage' | 'school' | 'town'>): ZoningRuleRow => ({
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
  return {
    schools: [
      school('昌乐县实验小学', 'primary', '昌乐县宝城街道新昌路', '0536-6226018'),
      school('昌乐县北城小学', 'primary', '昌乐县宝城街道新昌路北段', '0536-6290316'),
      school('昌乐县第二实验小学', 'primary', '昌乐县宝城街道方山路', '0536-6236018'),
      school('昌乐县育才小学', 'primary', '昌乐县宝都街道', '0536-6251209'),
      school('昌乐县第一实验中学', 'junior', '昌乐县宝城街道', '0536-6225377'),
      school('乔官镇中心小学', 'primary', '昌乐县乔官镇', ''),
      school('营丘镇九年一贯制学校', 'nine_year', '昌乐县营丘镇', ''),
      school('昌乐县明德学校', 'nine_year', '昌乐县宝都街道', '', 'private'),
    ],
    rules: [
      rule({ stage: 'primary', school: '昌乐县实验小学', town: '宝城街道', village: '利民社区', compound: '新昌路', from: 1, to: 99, parity: 'odd', note: '单号一侧' }),
      rule({ stage: 'primary', school: '昌乐县北城小学', town: '宝城街道', village: '新华社区', compound: '新昌路', from: 2, to: 100, parity: 'even', note: '双号一侧' }),
      rule({ stage: 'primary', school: '昌乐县北城小学', town: '宝城街道', village: '北岩社区', compound: '北辰花园', note: '整个小区' }),
      rule({ stage: 'primary', school: '昌乐县实验小学', town: '宝城街道', village: '利民社区', compound: '锦绣华庭', buildingFrom: 1, buildingTo: 12, note: '1—12号楼' }),
      rule({ stage: 'primary', school: '昌乐县北城小学', town: '宝城街道', village: '利民社区', compound: '锦绣华庭', buildingFrom: 13, buildingTo: 20, note: '13—20号楼' }),
      rule({ stage: 'primary', school: '乔官镇中心小学', town: '乔官镇', village: '南展村', note: '整个村' }),
      rule({ stage: 'junior', school: '营丘镇九年一贯制学校', town: '营丘镇', note: '营丘镇全镇（社区村、小区道路都不填）' }),
      rule({ stage: 'primary', school: '昌乐县育才小学', town: '宝城街道', applicant: 'migrant', note: '随迁子女统筹安排' }),
      rule({ stage: 'primary', school: '昌乐县实验小学', town: '宝城街道', village: '方山社区', compound: '教育局家属院', applicant: 'local', condition: '房户一致', note: '房产与户籍一致' }),
      rule({ stage: 'primary', school: '昌乐县第二实验小学', town: '宝城街道', village: '方山社区', compound: '教育局家属院', applicant: 'local', note: '房户不一致的统筹安排' }),
      rule({ stage: 'junior', school: '昌乐县第一实验中学', town: '宝城街道', village: '北岩社区' }),
    ],
    aliases: [
      { alias: '原解放路', name: '新昌路' },
      { alias: '锦绣花园', name: '锦绣华庭' },
    ],
  };
})();

/** The 说明 sheet: what each column means, in the bureau's words. */
const HELP: Row[] = [
  ['列名', '是否必填', '说明'],
  ['学段', '必填', '“小学”或“初中”：这一行规定哪个学段的入学学校。'],
  ['学校', '必填', '学校全称，须与“学校信息”工作表中的名称一致；初中规则只能填初中或九年一贯制学校，小学规则只能填小学或九年一贯制学校。'],
  ['镇街', '必填', '街道或镇，如“宝城街道”“乔官镇”。'],
  ['社区村', '列必须有', '社区或村。只填到这一列（小区道路不填）表示整个社区（村）；社区村和小区道路都不填表示整个镇街。'],
  ['小区道路', '列必须有', '住宅小区或道路名称。'],
  ['起始号', '列必须有', '门牌号范围的起始号，填数字，如“1”或“1号”。起始号和终止号都不填表示整条道路或整个小区。'],
  ['终止号', '列必须有', '门牌号范围的终止号（含），不能小于起始号。'],
  ['单双', '列必须有', '“全”“单”或“双”：只含单号一侧或双号一侧时填“单”或“双”；不填即为“全”。'],
  ['备注', '列必须有', '给家长看的说明，可不填。'],
  ['楼栋起', '可选列', '小区按楼栋划给不同学校时，楼栋范围的起始楼号，如“1”或“1号楼”。须同时填小区名称。'],
  ['楼栋止', '可选列', '楼栋范围的终止楼号（含）。'],
  ['适用对象', '可选列', '“全部”“本地户籍”或“随迁子女”；不填即为“全部”。随迁子女另有安排时，为随迁子女单独写一行。'],
  ['条件', '可选列', '入学条件，如“房户一致”（房产与户籍一致）；同一范围有条件和无条件各写一行，分别填学校。'],
  [],
  ['工作表', '', '说明'],
  [ZONING_RULE_SHEET, '', '第一个工作表，每行一条划片规则；列的顺序可以调整，列名不能改。同一条道路按门牌号分段时写多行，分段可以相接（如 1—99 号、101—199 号）。'],
  [ZONING_SCHOOL_SHEET, '', '每所学校一行：学校、学段（小学 / 初中 / 九年一贯）、地址、电话必须有；性质（公办 / 民办，不填为公办）、学位数、经度、纬度可选。'],
  [ZONING_ALIAS_SHEET, '', '可选：地名的简称或曾用名（如“原解放路”）和划片表中使用的标准名称，家长按别名查询时也能查到。'],
  [],
  ['导入规则', '', `整表检查：有任何问题都不会导入，问题会列出工作表、行号和列名。一次最多 ${ZONING_LIMITS.rules} 条规则，文件不超过 ${ZONING_LIMITS.fileBytes / 1024 / 1024} MB，每格不超过 ${ZONING_LIMITS.cell} 个字。也可以把“${ZONING_RULE_SHEET}”另存为 CSV（UTF-8 或 GBK 编码）导入，学校信息另附一个 CSV。`],
];

/** The downloadable template: headers (required ones bold), one example row per pattern, the 学校信息 and 地名别称 sheets, and a 说明 sheet. */
export async function buildZoningTemplate(): Promise<Buffer> {
  return build(EXAMPLE, { title: '义务教育学校划片范围（模板）', help: HELP, validations: true });
}

/** A table in the template's format (what is attached to the 划片 notice); reading it gives the same table back. */
export async function buildZoningWorkbook(data: ZoningTableData, year: number): Promise<Buffer> {
  const help: Row[] = [[`${year}年义务教育学校划片范围`], [`共 ${data.rules.length} 条划片规则、${data.schools.length} 所学校。`], [], ...HELP];
  return build(data, { title: `${year}年义务教育学校划片范围`, help, validations: false });
}

async function build(data: ZoningTableData, options: { title: string; help: Row[]; validations: boolean }): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '教育公开';
  workbook.title = options.title;

  const rules = sheet(workbook, ZONING_RULE_SHEET, ZONING_RULE_COLUMNS);
  for (const r of data.rules) {
    rules.addRow([
      ZONING_STAGE_LABELS[r.stage],
      r.school,
      r.town,
      r.village,
      r.compound,
      r.from,
      r.to,
      ZONING_PARITY_LABELS[r.parity],
      r.note,
      r.buildingFrom,
      r.buildingTo,
      ZONING_APPLICANT_LABELS[r.applicant],
      r.condition,
    ]);
  }
  const schools = sheet(workbook, ZONING_SCHOOL_SHEET, ZONING_SCHOOL_COLUMNS);
  for (const s of data.schools) {
    schools.addRow([s.name, SCHOOL_KIND_LABELS[s.kind], s.address, s.phone, SCHOOL_OWNERSHIP_LABELS[s.ownership], s.capacity, s.location?.longitude ?? null, s.location?.latitude ?? null]);
  }
  const aliases = sheet(workbook, ZONING_ALIAS_SHEET, ZONING_ALIAS_COLUMNS);
  for (const a of data.aliases) aliases.addRow([a.alias, a.name]);

  if (options.validations) {
    const last = ZONING_LIMITS.rules + 1;
    const list = (ws: Worksheet, header: string, all: readonly string[], columns: readonly { header: string }[]) => {
      const letter = ws.getColumn(columns.findIndex((c) => c.header === header) + 1).letter;
      // exceljs writes a range's validation once (sqref); its typings lack `dataValidations`.
      (ws as Worksheet & { dataValidations: { add(range: string, validation: DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${all.join(',')}"`],
        showErrorMessage: true,
        errorTitle: header,
        error: `请选择：${all.join('、')}`,
      });
    };
    list(rules, '学段', Object.values(ZONING_STAGE_LABELS), ZONING_RULE_COLUMNS);
    list(rules, '单双', Object.values(ZONING_PARITY_LABELS), ZONING_RULE_COLUMNS);
    list(rules, '适用对象', Object.values(ZONING_APPLICANT_LABELS), ZONING_RULE_COLUMNS);
    list(schools, '学段', Object.values(SCHOOL_KIND_LABELS), ZONING_SCHOOL_COLUMNS);
    list(schools, '性质', Object.values(SCHOOL_OWNERSHIP_LABELS), ZONING_SCHOOL_COLUMNS);
  }

  const help = workbook.addWorksheet(ZONING_HELP_SHEET);
  help.columns = [{ width: 14 }, { width: 12 }, { width: 100 }];
  for (const row of options.help) help.addRow(row);
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  for (const n of [1, ...options.help.flatMap((r, i) => (r[0] === '工作表' || r[0] === '列名' ? [i + 1] : []))]) help.getRow(n).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet with its header row (required columns bold), frozen, text columns stored as text so Excel never turns “3-5” into a date. */
function sheet(workbook: Workbook, name: string, columns: readonly { header: string; required: boolean; key: string }[]): Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const numeric = new Set(['from', 'to', 'buildingFrom', 'buildingTo', 'capacity', 'longitude', 'latitude']);
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: numeric.has(c.key) ? 9 : c.key === 'school' || c.key === 'address' || c.key === 'note' ? 24 : 14,
    style: numeric.has(c.key) ? {} : { numFmt: '@' },
  }));
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: c.required };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  });
  return ws;
}
