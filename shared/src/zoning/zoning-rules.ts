/**
 * School zoning (义务教育划片): the words of the bureau's table, shared by the import, the lookup
 * and the pages. A table belongs to one school year (招生年度, e.g. 2026 for the autumn 2026 intake).
 */

/** The stage a rule places a child in; a 九年一贯 school serves both. */
export const ZONING_STAGES = ['primary', 'junior'] as const;
export type ZoningStage = (typeof ZONING_STAGES)[number];
export const ZONING_STAGE_LABELS: Record<ZoningStage, string> = { primary: '小学', junior: '初中' };

/** What a school is: 小学, 初中 or 九年一贯 (both stages). */
export const SCHOOL_KINDS = ['primary', 'junior', 'nine_year'] as const;
export type SchoolKind = (typeof SCHOOL_KINDS)[number];
export const SCHOOL_KIND_LABELS: Record<SchoolKind, string> = { primary: '小学', junior: '初中', nine_year: '九年一贯' };

export const SCHOOL_OWNERSHIPS = ['public', 'private'] as const;
export type SchoolOwnership = (typeof SCHOOL_OWNERSHIPS)[number];
export const SCHOOL_OWNERSHIP_LABELS: Record<SchoolOwnership, string> = { public: '公办', private: '民办' };

/** Which house numbers of a road a rule covers (单双: 全 / 单 / 双). */
export const ZONING_PARITIES = ['all', 'odd', 'even'] as const;
export type ZoningParity = (typeof ZONING_PARITIES)[number];
export const ZONING_PARITY_LABELS: Record<ZoningParity, string> = { all: '全', odd: '单', even: '双' };

/** Whom a rule applies to (适用对象): everyone, children with local 户籍, or 随迁子女. */
export const ZONING_APPLICANTS = ['all', 'local', 'migrant'] as const;
export type ZoningApplicant = (typeof ZONING_APPLICANTS)[number];
export const ZONING_APPLICANT_LABELS: Record<ZoningApplicant, string> = { all: '全部', local: '本地户籍', migrant: '随迁子女' };

/** The first sheet's columns, by their header text (any order); `required` ones must be present. */
export const ZONING_RULE_COLUMNS = [
  { key: 'stage', header: '学段', required: true },
  { key: 'school', header: '学校', required: true },
  { key: 'town', header: '镇街', required: true },
  { key: 'village', header: '社区村', required: true },
  { key: 'place', header: '小区道路', required: true },
  { key: 'from', header: '起始号', required: true },
  { key: 'to', header: '终止号', required: true },
  { key: 'parity', header: '单双', required: true },
  { key: 'note', header: '备注', required: true },
  { key: 'buildingFrom', header: '楼栋起', required: false },
  { key: 'buildingTo', header: '楼栋止', required: false },
  { key: 'applicant', header: '适用对象', required: false },
  { key: 'condition', header: '条件', required: false },
] as const;
export type ZoningRuleColumn = (typeof ZONING_RULE_COLUMNS)[number]['key'];

/** The sheet of schools, named `学校信息`, and its columns (`性质` and `别名` optional). */
export const ZONING_SCHOOL_SHEET = '学校信息';
export const ZONING_SCHOOL_COLUMNS = [
  { key: 'school', header: '学校', required: true },
  { key: 'kind', header: '学段', required: true },
  { key: 'address', header: '地址', required: true },
  { key: 'phone', header: '电话', required: true },
  { key: 'ownership', header: '性质', required: false },
  { key: 'capacity', header: '学位数', required: false },
  { key: 'longitude', header: '经度', required: false },
  { key: 'latitude', header: '纬度', required: false },
] as const;
export type ZoningSchoolColumn = (typeof ZONING_SCHOOL_COLUMNS)[number]['key'];

/** An optional sheet of other names staff know a place by (简称、曾用名): `别名`, `标准名称`. */
export const ZONING_ALIAS_SHEET = '地名别称';
export const ZONING_ALIAS_COLUMNS = [
  { key: 'alias', header: '别名', required: true },
  { key: 'name', header: '标准名称', required: true },
] as const;

/** Upper bounds an import refuses beyond (a county has a few thousand rules). */
export const ZONING_LIMITS = {
  fileBytes: 10 * 1024 * 1024,
  rules: 20_000,
  schools: 2_000,
  aliases: 5_000,
  /** Characters of one cell. */
  cell: 200,
  /** Characters of a parent's query. */
  query: 100,
  /** House and building numbers. */
  number: 99_999,
} as const;

/** School years the bureau may keep tables for. */
export const ZONING_YEAR_MIN = 2000;
export const ZONING_YEAR_MAX = 2100;
