/**
 * The synonym groups as the query side uses them: for any position of a query, the longest term
 * starting there and its group. Terms are bucketed by their first character, so a scan of a
 * query costs a few map reads per character whatever the number of groups.
 */
export class SynonymTable {
  private readonly byFirst = new Map<string, { term: string; group: number }[]>();

  constructor(readonly groups: readonly (readonly string[])[]) {
    groups.forEach((terms, group) => {
      for (const term of terms) {
        const first = term[0];
        if (!first) continue;
        const list = this.byFirst.get(first) ?? [];
        list.push({ term, group });
        this.byFirst.set(first, list);
      }
    });
    for (const list of this.byFirst.values()) list.sort((a, b) => b.term.length - a.term.length);
  }

  /** The longest term starting at `at` in `text`, or null. */
  termAt(text: string, at: number): { term: string; group: number } | null {
    const list = this.byFirst.get(text[at] ?? '');
    if (!list) return null;
    for (const entry of list) if (text.startsWith(entry.term, at)) return entry;
    return null;
  }

  termsOf(group: number): readonly string[] {
    return this.groups[group] ?? [];
  }
}
