import type { ZoningAliasRow } from '../../zoning/zoning-data';
import { parseZoningUpload } from '../../zoning/import/zoning-workbook';
import type { ZoningTablesService } from '../../zoning/tables/zoning-tables.service';
import { COUNTY_YEARS, countyTable } from './county-tables';

/** The 划片 notices the demo's tables belong to, by title (the seeder records their ids). */
export const DEMO_ZONING_NOTICE_TITLES: ReadonlySet<string> = new Set(COUNTY_YEARS.map((year) => countyTable(year).noticeTitle));

/** The 地名别称 sheet's rows (two plain columns, no quoting in the demo's text). */
function aliasRows(csv: string): ZoningAliasRow[] {
  return csv
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [alias = '', name = ''] = line.split(',');
      return { alias: alias.trim(), name: name.trim() };
    });
}

/**
 * Imports the demo county's 2025 and 2026 tables the way the command line's first set-up does
 * (`zoning import --publish --notice ID`): the CSV goes through the same parser as an upload, the
 * table takes effect at once, linked to the year's published 划片 notice. A CSV upload carries no
 * 地名别称 sheet, so the aliases are added from the demo's own list. Oldest year first, so 2026's
 * diff is against 2025. A year whose notice is missing throws (the caller logs it and retries at the next start).
 */
export async function seedDemoZoning(tables: ZoningTablesService, noticeIds: ReadonlyMap<string, number>): Promise<number> {
  let rules = 0;
  // A year set up by an earlier, interrupted run stays as it is (a second set-up would be refused).
  const setUp = new Set((await tables.years()).filter((y) => y.tables.some((t) => t.publishedBySetup)).map((y) => y.year));
  for (const year of COUNTY_YEARS) {
    if (setUp.has(year)) continue;
    const table = countyTable(year);
    const noticeId = noticeIds.get(table.noticeTitle);
    if (noticeId === undefined) throw new Error(`demo zoning table ${year}: no published notice titled ${table.noticeTitle}`);
    const stem = table.fileName.replace(/\.xlsx$/, '');
    const parsed = await parseZoningUpload(
      { file: { name: `${stem}.csv`, bytes: Buffer.from(table.rules, 'utf8') }, schoolsFile: { name: `${stem}-学校信息.csv`, bytes: Buffer.from(table.schools, 'utf8') } },
      [],
    );
    if (!parsed.ok) {
      const first = parsed.issues.slice(0, 5).map((issue) => `${issue.field ?? ''} ${issue.message}`);
      throw new Error(`demo zoning table ${year} does not import: ${first.join('; ')}`);
    }
    const data = { ...parsed.data, aliases: aliasRows(table.aliases) };
    await tables.importTable({ command: 'demo' }, year, data, table.fileName, { publishForSetup: true, noticeId });
    rules += data.rules.length;
  }
  return rules;
}
