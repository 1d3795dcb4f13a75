/**
 * Synonym groups: staff keep the county's usual ways of saying one thing; a query holding any term
 * of a group finds what any other term of it finds. The seed is the county's usual pairs.
 */
export const SYNONYM_TERM_MAX = 20;
export const SYNONYM_GROUP_MIN = 2;
export const SYNONYM_GROUP_MAX_TERMS = 12;
export const SYNONYM_GROUPS_MAX = 500;

export const DEFAULT_SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['学区', '划片', '招生范围', '学区划分', '划片范围', '施教区'],
  ['幼升小', '小学一年级招生', '小学招生', '小学新生'],
  ['小升初', '初中一年级招生', '初中招生', '初中新生'],
  ['随迁子女', '进城务工人员子女', '进城务工人员随迁子女', '外来务工人员子女', '农民工子女'],
  ['中考', '高中段招生', '初中学业水平考试', '高中招生'],
  ['学籍', '转学'],
  ['资助', '助学金', '助学贷款'],
  ['教师招聘', '招聘教师', '招教'],
];

/** A term as stored and matched: folded like a query, spaces removed. Null when empty after folding. */
export function normalizeSynonymTerm(raw: string): string | null {
  const t = raw.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
  return t === '' ? null : t;
}
