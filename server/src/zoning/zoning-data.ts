import type { SchoolKind, SchoolOwnership, ZoningApplicant, ZoningParity, ZoningStage } from '@gongkai/shared';

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

export interface ZoningRuleRow {
  stage: ZoningStage;
  /** The school's name, as in `schools`. */
  school: string;
  town: string;
  /** '' when the rule is not tied to a 社区 / 村. */
  village: string;
  /** 小区 or road; '' for a rule covering the whole village (or town). */
  compound: string;
  from: number | null;
  to: number | null;
  parity: ZoningParity;
  buildingFrom: number | null;
  buildingTo: number | null;
  applicant: ZoningApplicant;
  condition: string | null;
  note: string | null;
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
