/**
 * A zoning table of the demo county as the bureau keeps it: CSV text in the template's columns
 * (first line = headers), one text per sheet.
 */
export interface CountyTableCsv {
  year: 2025 | 2026;
  /** The name the table is imported under (what staff would upload). */
  fileName: string;
  /** The published 划片 notice the year belongs to (demo-bureau.ts). */
  noticeTitle: string;
  /** The rules sheet (学区划分). */
  rules: string;
  /** The 学校信息 sheet. */
  schools: string;
  /** The 地名别称 sheet (简称、曾用名). */
  aliases: string;
}
