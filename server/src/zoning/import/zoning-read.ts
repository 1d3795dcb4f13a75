import {
  ZONING_ALIAS_COLUMNS,
  ZONING_ALIAS_SHEET,
  ZONING_LIMITS,
  ZONING_RULE_COLUMNS,
  ZONING_SCHOOL_COLUMNS,
  ZONING_SCHOOL_SHEET,
  type ErrorDetail,
  type SchoolKind,
  type SchoolOwnership,
  type ZoningApplicant,
  type ZoningParity,
  type ZoningStage,
} from '@gongkai/shared';
import type { ZoningAliasRow, ZoningRuleRow, ZoningSchoolRow, ZoningTableData } from '../zoning-data';
import { columnLetter, fileIssue, isEmptyCell, type CellValue, type Grid, type GridRow } from './zoning-grid';
import { checkRule, nameKey, schoolsByKey, ZONING_NAME_MAX, ZONING_PHONE_MAX, type RuleField } from './zoning-validate';

/** The rules sheet's name in the template, in reports and when written back. */
export const ZONING_RULE_SHEET = '学区划分';
/** Problems listed at most; past it the last line says how many more there are. */
export const ZONING_ISSUES_MAX = 200;
/** How often (rows) progress is reported. */
const PROGRESS_STEP = 500;
/** The header row is looked for in the first rows (a title line above it is common). */
const HEADER_SEARCH_ROWS = 10;

export type ZoningReadOutcome = { ok: true; data: ZoningTableData } | { ok: false; issues: ErrorDetail[] };

export interface ZoningSheets {
  rules: Grid;
  /** The 学校信息 sheet; null: the schools are `knownSchools` (a CSV import, or a workbook without that sheet). */
  schools: Grid | null;
  aliases: Grid | null;
}

interface ColumnSpec {
  key: string;
  header: string;
  required: boolean;
}

/** Which column each header is in, and the row the headers are on. */
interface Layout {
  headerRow: number;
  columns: Map<string, number>;
  headers: Map<string, string>;
}

/** Texts the sheets use for a choice, compared after `nameKey`. Empty means the default. */
const STAGES: Record<string, ZoningStage> = { 小学: 'primary', 初中: 'junior' };
const PARITIES: Record<string, ZoningParity> = { '': 'all', 全: 'all', 全部: 'all', 单: 'odd', 单号: 'odd', 单数: 'odd', 双: 'even', 双号: 'even', 双数: 'even' };
const APPLICANTS: Record<string, ZoningApplicant> = { '': 'all', 全部: 'all', 全: 'all', 不限: 'all', 本地户籍: 'local', 本地: 'local', 随迁子女: 'migrant', 随迁: 'migrant' };
const KINDS: Record<string, SchoolKind> = { 小学: 'primary', 初中: 'junior', 九年一贯: 'nine_year', 九年一贯制: 'nine_year', 九年一贯制学校: 'nine_year' };
const OWNERSHIPS: Record<string, SchoolOwnership> = { '': 'public', 公办: 'public', 民办: 'private' };

/** A rule's field → its column's key in ZONING_RULE_COLUMNS. */
const RULE_COLUMN_OF: Record<RuleField, (typeof ZONING_RULE_COLUMNS)[number]['key']> = {
  stage: 'stage',
  school: 'school',
  town: 'town',
  village: 'village',
  compound: 'place',
  from: 'from',
  to: 'to',
  parity: 'parity',
  buildingFrom: 'buildingFrom',
  buildingTo: 'buildingTo',
  applicant: 'applicant',
  condition: 'condition',
  note: 'note',
};

/** Headers compare without spaces, slashes, brackets or a “*” marking a required column: “社区/村” is 社区村. */
export function headerKey(text: string): string {
  return text.normalize('NFKC').replace(/[\s/\\、()*:·-]/g, '');
}

/** Collects problems with their position, to sort them as the file reads and cap the list. */
class Issues {
  private readonly list: { detail: ErrorDetail; order: number[] }[] = [];
  private readonly sheetOrder = new Map<string, number>();

  constructor(sheets: string[]) {
    sheets.forEach((s, i) => this.sheetOrder.set(s, i + 1));
  }

  get count(): number {
    return this.list.length;
  }

  file(message: string): void {
    this.list.push({ detail: fileIssue(message), order: [0, 0, 0, this.list.length] });
  }

  /** A problem of one cell (`column` the header's index) or of a whole row (`column` undefined). */
  at(sheet: string, row: number, column: { index: number; header: string } | undefined, message: string, missingColumn?: string): void {
    const field = column ? `${sheet}!${columnLetter(column.index)}${row}` : `${sheet}!${row}:${row}`;
    const detail: ErrorDetail = { field, message, sheet, row };
    if (column || missingColumn) detail.column = column?.header ?? missingColumn;
    this.list.push({ detail, order: [this.sheetOrder.get(sheet) ?? 99, row, column ? column.index : -1, this.list.length] });
  }

  /** As the file reads: sheet by sheet, row by row, left to right; at most ZONING_ISSUES_MAX lines. */
  sorted(): ErrorDetail[] {
    const sorted = [...this.list].sort((a, b) => {
      for (let i = 0; i < 4; i++) if (a.order[i] !== b.order[i]) return a.order[i] - b.order[i];
      return 0;
    });
    if (sorted.length <= ZONING_ISSUES_MAX) return sorted.map((i) => i.detail);
    const shown = sorted.slice(0, ZONING_ISSUES_MAX - 1).map((i) => i.detail);
    return [...shown, fileIssue(`还有 ${sorted.length - shown.length} 个问题未列出，请先修改以上问题后重新导入`)];
  }
}

/**
 * Reads the sheets into a table, or every problem of the file (no partial result). Linear in the
 * cells: each row is read once, the checks across rows go through maps.
 */
export function readZoningSheets(
  sheets: ZoningSheets,
  knownSchools: readonly ZoningSchoolRow[],
  onProgress?: (done: number, total: number) => void,
): ZoningReadOutcome {
  const issues = new Issues([sheets.rules.sheet, sheets.schools?.sheet ?? ZONING_SCHOOL_SHEET, sheets.aliases?.sheet ?? ZONING_ALIAS_SHEET]);
  const ruleLayout = layout(sheets.rules, ZONING_RULE_COLUMNS, issues);
  const schoolLayout = sheets.schools ? layout(sheets.schools, ZONING_SCHOOL_COLUMNS, issues) : null;
  const aliasLayout = sheets.aliases ? layout(sheets.aliases, ZONING_ALIAS_COLUMNS, issues) : null;

  // Row caps first: a sheet past them is refused as a whole, before its rows are checked.
  const dataRows = (grid: Grid | null, at: Layout | null): GridRow[] => (grid && at ? grid.rows.filter((r) => r.row > at.headerRow && !r.cells.every(isEmptyCell)) : []);
  const ruleRows = dataRows(sheets.rules, ruleLayout);
  const schoolRows = dataRows(sheets.schools, schoolLayout);
  const aliasRows = dataRows(sheets.aliases, aliasLayout);
  const caps: [Grid | null, GridRow[], number][] = [
    [sheets.rules, ruleRows, ZONING_LIMITS.rules],
    [sheets.schools, schoolRows, ZONING_LIMITS.schools],
    [sheets.aliases, aliasRows, ZONING_LIMITS.aliases],
  ];
  const over = caps.filter(([grid, rows, max]) => grid && rows.length > max);
  if (over.length) return { ok: false, issues: over.map(([grid, rows, max]) => fileIssue(`“${grid!.sheet}”有 ${rows.length} 行，超过上限 ${max} 行`)) };

  const total = ruleRows.length + schoolRows.length + aliasRows.length;
  let done = 0;
  const tick = () => {
    done += 1;
    if (done % PROGRESS_STEP === 0) onProgress?.(done, total);
  };
  onProgress?.(0, total);

  // Schools: the sheet's, or the earlier table's (only those the rules name are kept).
  let schools: ZoningSchoolRow[];
  const fromSheet = !!sheets.schools;
  if (sheets.schools) {
    schools = schoolLayout ? readSchools(sheets.schools.sheet, schoolRows, schoolLayout, issues, tick) : [];
  } else {
    schools = knownSchools.map((s) => ({ ...s, sourceRow: null }));
    if (!schools.length) issues.file(`没有学校信息：请在工作簿中加入“${ZONING_SCHOOL_SHEET}”工作表，或随 CSV 一并上传学校信息表`);
  }
  const schoolMap = schoolsByKey(schools);

  const rules = ruleLayout ? readRules(sheets.rules.sheet, ruleRows, ruleLayout, schoolMap, fromSheet || schools.length > 0, issues, tick) : [];
  if (ruleLayout && !ruleRows.length) issues.file(`“${sheets.rules.sheet}”没有任何划片规则`);
  const aliases = sheets.aliases && aliasLayout ? readAliases(sheets.aliases.sheet, aliasRows, aliasLayout, rules, issues, tick) : [];
  onProgress?.(total, total);

  if (issues.count) return { ok: false, issues: issues.sorted() };
  const used = new Set(rules.map((r) => nameKey(r.school)));
  return { ok: true, data: { schools: fromSheet ? schools : schools.filter((s) => used.has(nameKey(s.name))), rules, aliases } };
}

/** Finds the header row (the first of the top rows naming several known columns) and each column's index. */
function layout(grid: Grid, specs: readonly ColumnSpec[], issues: Issues): Layout | null {
  const byKey = new Map(specs.map((s) => [headerKey(s.header), s]));
  const matches = (row: GridRow) => row.cells.filter((c) => typeof c === 'string' && byKey.has(headerKey(c))).length;
  const top = grid.rows.filter((r) => !r.cells.every(isEmptyCell)).slice(0, HEADER_SEARCH_ROWS);
  if (!top.length) {
    issues.file(`工作表“${grid.sheet}”是空的`);
    return null;
  }
  const wanted = Math.min(3, specs.length);
  const header = top.find((r) => matches(r) >= wanted) ?? top[0];
  const columns = new Map<string, number>();
  const headers = new Map<string, string>();
  let twice = false;
  header.cells.forEach((cell, index) => {
    if (typeof cell !== 'string') return;
    const spec = byKey.get(headerKey(cell));
    if (!spec) return;
    if (columns.has(spec.key)) {
      twice = true;
      issues.at(grid.sheet, header.row, { index, header: spec.header }, `“${spec.header}”列出现了两次（${columnLetter(columns.get(spec.key)!)} 列和 ${columnLetter(index)} 列）`);
      return;
    }
    columns.set(spec.key, index);
    headers.set(spec.key, spec.header);
  });
  const missing = specs.filter((s) => s.required && !columns.has(s.key));
  for (const spec of missing) issues.at(grid.sheet, header.row, undefined, `缺少“${spec.header}”列`, spec.header);
  // Without its columns a sheet's rows cannot be read: its header problems are reported alone.
  return missing.length || twice ? null : { headerRow: header.row, columns, headers };
}

/** Reads cells of one row, reporting each bad cell once; `failed` holds the columns that had a problem. */
class RowReader {
  readonly failed = new Set<string>();

  constructor(
    private readonly sheet: string,
    private readonly row: GridRow,
    private readonly at: Layout,
    private readonly issues: Issues,
  ) {}

  column(key: string): { index: number; header: string } | undefined {
    const index = this.at.columns.get(key);
    return index === undefined ? undefined : { index, header: this.at.headers.get(key)! };
  }

  problem(key: string | undefined, message: string): void {
    if (key) this.failed.add(key);
    this.issues.at(this.sheet, this.row.row, key ? this.column(key) : undefined, message);
  }

  private raw(key: string): CellValue {
    const index = this.at.columns.get(key);
    return index === undefined ? null : (this.row.cells[index] ?? null);
  }

  /** The cell's text, trimmed ('' when empty); undefined after reporting a problem. */
  text(key: string): string | undefined {
    const cell = this.raw(key);
    if (cell === null) return '';
    if (typeof cell === 'object') {
      this.problem(key, cell.invalid);
      return undefined;
    }
    const text = typeof cell === 'number' ? String(cell) : cell.trim();
    if (text.length > ZONING_LIMITS.cell) {
      this.problem(key, `${this.at.headers.get(key)}超过 ${ZONING_LIMITS.cell} 个字`);
      return undefined;
    }
    return text;
  }

  /** A name: required ones report an empty cell; `max` characters at most. */
  name(key: string, required: boolean, max = ZONING_NAME_MAX): string | undefined {
    const text = this.text(key);
    if (text === undefined) return undefined;
    const label = this.at.headers.get(key) ?? key;
    if (required && !text) {
      this.problem(key, `缺少${label}`);
      return undefined;
    }
    if (text.length > max) {
      this.problem(key, `${label}超过 ${max} 个字`);
      return undefined;
    }
    return text;
  }

  /** One of a fixed list of words (`choices` keyed by nameKey); undefined after reporting. */
  choice<T>(key: string, choices: Record<string, T>, shown: string[]): T | undefined {
    const text = this.text(key);
    if (text === undefined) return undefined;
    const value = choices[nameKey(text)];
    if (value === undefined) {
      const label = this.at.headers.get(key) ?? key;
      this.problem(key, text ? `${label}应为${shown.map((s) => `“${s}”`).join('、')}之一，而不是“${text}”` : `缺少${label}`);
    }
    return value;
  }

  /**
   * A house or building number: a number cell, or text such as “12”, “12号”, “１２” (full-width),
   * “3栋”; null when empty; undefined after reporting.
   */
  count(key: string, kind: 'house' | 'building'): number | null | undefined {
    const cell = this.raw(key);
    const label = this.at.headers.get(key) ?? key;
    if (cell === null) return null;
    if (typeof cell === 'object') {
      this.problem(key, cell.invalid);
      return undefined;
    }
    if (typeof cell === 'number') {
      if (Number.isInteger(cell)) return cell;
      this.problem(key, `${label}应为整数，而不是 ${cell}`);
      return undefined;
    }
    const text = nameKey(cell);
    if (!text) return null;
    const suffix = kind === 'house' ? '(?:号院|号|弄)' : '(?:号楼|栋|幢|座|号|#)';
    const match = new RegExp(`^(\\d{1,9})${suffix}?$`).exec(text);
    if (!match) {
      this.problem(key, `${label}应为数字，如“12”或“12${kind === 'house' ? '号' : '栋'}”，而不是“${cell.trim().slice(0, 20)}”`);
      return undefined;
    }
    return Number(match[1]);
  }

  /** A decimal number (capacity, degrees); null when empty; undefined after reporting. */
  decimal(key: string, min: number, max: number, integer: boolean): number | null | undefined {
    const cell = this.raw(key);
    const label = this.at.headers.get(key) ?? key;
    if (cell === null) return null;
    if (typeof cell === 'object') {
      this.problem(key, cell.invalid);
      return undefined;
    }
    const text = typeof cell === 'number' ? String(cell) : nameKey(cell);
    if (!text) return null;
    const value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      this.problem(key, `${label}应为 ${min} 到 ${max} 之间的${integer ? '整数' : '数字'}，而不是“${String(cell).trim().slice(0, 20)}”`);
      return undefined;
    }
    return value;
  }
}

function readSchools(sheet: string, rows: GridRow[], at: Layout, issues: Issues, tick: () => void): ZoningSchoolRow[] {
  const schools: ZoningSchoolRow[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    tick();
    const r = new RowReader(sheet, row, at, issues);
    const name = r.name('school', true);
    const kind = r.choice('kind', KINDS, ['小学', '初中', '九年一贯']);
    const address = r.name('address', false, ZONING_LIMITS.cell);
    const phone = r.name('phone', false, ZONING_PHONE_MAX);
    const ownership = r.choice('ownership', OWNERSHIPS, ['公办', '民办']);
    const capacity = r.decimal('capacity', 0, 100_000, true);
    const longitude = r.decimal('longitude', -180, 180, false);
    const latitude = r.decimal('latitude', -90, 90, false);
    if (longitude !== undefined && latitude !== undefined && (longitude === null) !== (latitude === null)) {
      r.problem(longitude === null ? 'longitude' : 'latitude', '经度和纬度要么都填，要么都不填');
    }
    if (name) {
      const earlier = seen.get(nameKey(name));
      if (earlier !== undefined) r.problem('school', `学校“${name}”在第 ${earlier} 行已经列出`);
      else seen.set(nameKey(name), row.row);
    }
    if (r.failed.size || name === undefined || kind === undefined || address === undefined || phone === undefined || ownership === undefined) continue;
    if (capacity === undefined || longitude === undefined || latitude === undefined) continue;
    schools.push({
      name,
      kind,
      ownership,
      address,
      phone,
      capacity,
      location: longitude !== null && latitude !== null ? { longitude, latitude } : null,
      sourceRow: row.row,
    });
  }
  return schools;
}

function readRules(
  sheet: string,
  rows: GridRow[],
  at: Layout,
  schools: ReadonlyMap<string, ZoningSchoolRow>,
  haveSchools: boolean,
  issues: Issues,
  tick: () => void,
): ZoningRuleRow[] {
  const rules: ZoningRuleRow[] = [];
  /** Place, range, stage, applicant and condition → the first row that has them. */
  const places = new Map<string, { row: number; school: string }>();
  for (const row of rows) {
    tick();
    const r = new RowReader(sheet, row, at, issues);
    const stage = r.choice('stage', STAGES, ['小学', '初中']);
    const parity = r.choice('parity', PARITIES, ['全', '单', '双']);
    const applicant = r.choice('applicant', APPLICANTS, ['全部', '本地户籍', '随迁子女']);
    const rule: ZoningRuleRow = {
      // An unreadable choice stays out of checkRule (its field is skipped below).
      stage: stage ?? ('' as ZoningStage),
      school: r.text('school') ?? '',
      town: r.text('town') ?? '',
      village: r.text('village') ?? '',
      compound: r.text('place') ?? '',
      from: r.count('from', 'house') ?? null,
      to: r.count('to', 'house') ?? null,
      parity: parity ?? ('' as ZoningParity),
      buildingFrom: r.count('buildingFrom', 'building') ?? null,
      buildingTo: r.count('buildingTo', 'building') ?? null,
      applicant: applicant ?? ('' as ZoningApplicant),
      condition: (r.text('condition') ?? '') || null,
      note: (r.text('note') ?? '') || null,
      sourceRow: row.row,
    };
    const skip = new Set(
      (Object.keys(RULE_COLUMN_OF) as RuleField[]).filter((field) => r.failed.has(RULE_COLUMN_OF[field]) || (field === 'school' && !haveSchools)),
    );
    for (const problem of checkRule(rule, schools, skip)) r.problem(RULE_COLUMN_OF[problem.field], problem.message);
    if (r.failed.size) continue;

    const school = schools.get(nameKey(rule.school));
    if (!school) continue; // no schools at all: reported once for the file
    rule.school = school.name;
    const place = [
      rule.stage,
      nameKey(rule.town),
      nameKey(rule.village),
      nameKey(rule.compound),
      rule.from,
      rule.to,
      rule.parity,
      rule.buildingFrom,
      rule.buildingTo,
      rule.applicant,
      nameKey(rule.condition ?? ''),
    ].join('\u0001');
    const earlier = places.get(place);
    if (earlier) {
      if (earlier.school === school.name) r.problem(undefined, `与第 ${earlier.row} 行重复`);
      else r.problem('school', `与第 ${earlier.row} 行是同一范围，却划给了不同学校（第 ${earlier.row} 行：${earlier.school}；第 ${row.row} 行：${school.name}）`);
      continue;
    }
    places.set(place, { row: row.row, school: school.name });
    rules.push(rule);
  }
  return rules;
}

function readAliases(sheet: string, rows: GridRow[], at: Layout, rules: readonly ZoningRuleRow[], issues: Issues, tick: () => void): ZoningAliasRow[] {
  const places = new Set<string>();
  for (const rule of rules) for (const name of [rule.town, rule.village, rule.compound]) if (name) places.add(nameKey(name));
  const aliases: ZoningAliasRow[] = [];
  const seen = new Map<string, { row: number; name: string }>();
  for (const row of rows) {
    tick();
    const r = new RowReader(sheet, row, at, issues);
    const alias = r.name('alias', true);
    const name = r.name('name', true);
    if (alias === undefined || name === undefined) continue;
    if (nameKey(alias) === nameKey(name)) {
      r.problem('alias', `别名“${alias}”与标准名称相同`);
      continue;
    }
    if (!places.has(nameKey(name))) {
      r.problem('name', `“${name}”不是划片表中的镇街、社区村或小区道路`);
      continue;
    }
    if (places.has(nameKey(alias))) {
      r.problem('alias', `“${alias}”本身是划片表中的地名，不能再作为“${name}”的别名`);
      continue;
    }
    const earlier = seen.get(nameKey(alias));
    if (earlier) {
      r.problem('alias', earlier.name === name ? `与第 ${earlier.row} 行重复` : `别名“${alias}”在第 ${earlier.row} 行已指向“${earlier.name}”`);
      continue;
    }
    seen.set(nameKey(alias), { row: row.row, name });
    aliases.push({ alias, name });
  }
  return aliases;
}
