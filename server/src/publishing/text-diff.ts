import type { TextChange } from '@gongkai/shared';

/**
 * A longest-common-subsequence diff over units (paragraphs of a body, characters of a title):
 * enough to show a reviewer what changed between two rounds. Quadratic in the number of units,
 * so callers diff paragraphs, not characters, of long texts; above `maxCells` it falls back to
 * "all removed, all added". (The `diff` package would do finer diffs; see the report.)
 */
export function diffUnits(before: readonly string[], after: readonly string[], join = '', maxCells = 4_000_000): TextChange[] {
  // Common head and tail cost nothing and keep the table small.
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  const changes: TextChange[] = [];
  const push = (type: TextChange['type'], text: string) => {
    const last = changes[changes.length - 1];
    if (last && last.type === type) last.text += join + text;
    else changes.push({ type, text });
  };
  for (const unit of before.slice(0, head)) push('same', unit);
  if (a.length * b.length > maxCells) {
    for (const unit of a) push('removed', unit);
    for (const unit of b) push('added', unit);
  } else {
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        push('same', a[i]!);
        i++;
        j++;
      } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
        push('removed', a[i]!);
        i++;
      } else {
        push('added', b[j]!);
        j++;
      }
    }
  }
  for (const unit of before.slice(before.length - tail)) push('same', unit);
  return changes;
}

/** Titles compare character by character (Chinese has no spaces to split words on). */
export function diffTitle(before: string, after: string): TextChange[] {
  return diffUnits([...before], [...after]);
}

/** Bodies compare as plain text, paragraph by paragraph; paragraphs are joined with "\n". */
export function diffParagraphs(before: string, after: string): TextChange[] {
  const split = (text: string) => text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  return diffUnits(split(before), split(after), '\n');
}
