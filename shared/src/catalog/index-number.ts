/**
 * 索引号 (index number) scheme: `<unit code>/<category code>-<year>-<sequence>`,
 * e.g. `11370725004410339C/ZSKS-2026-00042`. The unit code is the unit's 统一社会信用代码
 * (or any code the admin gives it), the year is the publishing year in Asia/Shanghai and the
 * sequence counts per unit, category and year from 1, five digits wide.
 */
/** What a preview shows for the 索引号 of a notice not yet published (it is given at publication). */
export const INDEX_NO_PENDING = '发布时生成';

export function formatIndexNo(unitCode: string, categoryCode: string, year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError('sequence must be a positive integer');
  return `${unitCode}/${categoryCode}-${year}-${String(sequence).padStart(5, '0')}`;
}

const INDEX_NO = /^(.+)\/([A-Z0-9]+)-(\d{4})-(\d{5,})$/;

export function parseIndexNo(
  indexNo: string,
): { unitCode: string; categoryCode: string; year: number; sequence: number } | null {
  const m = INDEX_NO.exec(indexNo);
  if (!m) return null;
  return { unitCode: m[1]!, categoryCode: m[2]!, year: Number(m[3]), sequence: Number(m[4]) };
}
