import type { SchoolKind, SchoolOwnership, ZoningRuleContent } from '@gongkai/shared';

/**
 * One school year's table as plain data: what an import reads from a spreadsheet, what the
 * repository stores and loads, what the lookup index is built from and what the diff compares.
 * Texts are trimmed as the sheet has them (the lookup normalises on its own).
 */
export interface ZoningSchoolRow {
  name: string;
  kind: SchoolKind;
  ownership: SchoolOwnership;
  address: string;
  phone: string;
  capacity: number | null;
  /** WGS-84 degrees, for a map; optional columns 经度 / 纬度. */
  location?: { longitude: number; latitude: number } | null;
  /** Row of the 学校信息 sheet (Excel numbering, 1 = header); null when not from a sheet. */
  sourceRow: number | null;
}

/** A rule as the table holds it (a ZoningRuleView's place and range, its stage and school), with its sheet row. */
export interface ZoningRuleRow extends ZoningRuleContent {
  /** Row of the first sheet (Excel numbering); null for a rule added by hand. */
  sourceRow: number | null;
}

/** Another name of a place (简称、曾用名 such as 原解放路) → the name the rules use. */
export interface ZoningAliasRow {
  alias: string;
  name: string;
}

export interface ZoningTableData {
  schools: ZoningSchoolRow[];
  rules: ZoningRuleRow[];
  aliases: ZoningAliasRow[];
}
