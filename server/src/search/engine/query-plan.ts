import { compactSearchText, ENROLLMENT_WORDS, parseSearchQuery } from '@gongkai/shared';
import type { Clause } from './inverted-index';
import type { Segmenter } from './segmenter';
import type { SynonymTable } from './synonym-table';

/** What the index is asked, and what the answer shows, for one query. */
export interface QueryPlan {
  clauses: Clause[];
  year: number | null;
  /** The query without spaces or quotes: a title holding all of it ranks higher. */
  compact: string;
  /** Words to highlight in the results, longest first. */
  highlight: string[];
  /** The query holds an enrollment word (招生, 划片, 中考 …): in season, this year's notices first. */
  enrollment: boolean;
  /** Every term the clauses look for (for naming a topic). */
  terms: string[];
}

/**
 * Words that carry no meaning of their own in a parent's question (请问 / 怎么 / 的 …): dropped
 * unless the query holds nothing else.
 */
const STOP_WORDS = new Set([
  '的', '了', '和', '与', '及', '或', '在', '是', '吗', '呢', '啊', '吧', '呀', '请问', '怎么', '怎样', '如何', '什么', '哪里', '哪个', '哪些',
  '有', '没有', '我', '我们', '你', '您', '要', '想', '需要', '可以', '能', '年', '关于', '一下', '哪', '去', '办', '多少', '不', '吧', '么',
]);

/** Weight of a synonym the parent did not type, against the term typed. */
const SYNONYM_WEIGHT = 0.85;
/** Weight of a long word's pieces (学区 + 划分 for 学区划分) against the word itself. */
const PIECES_WEIGHT = 0.9;
const MAX_CLAUSES = 12;

/**
 * Turns a folded query into clauses: every part the parent typed is required; a part is cut into
 * words, each required; a synonym term in a part becomes one clause any term of its group meets;
 * a quoted part is one clause whose words must all appear (and the caller checks the phrase).
 */
export function planQuery(folded: string, segmenter: Segmenter, synonyms: SynonymTable): QueryPlan {
  const parsed = parseSearchQuery(folded);
  const clauses: Clause[] = [];
  const wordsOf = (text: string): string[] => segmenter.queryWords(text);
  /** The part being planned (the typo fallback matches titles against it). */
  let partText = '';
  const plain = (word: string): Clause => {
    const alternatives = [{ words: [word], weight: 1 }];
    const pieces = segmenter.pieces(word);
    if (pieces) alternatives.push({ words: pieces, weight: PIECES_WEIGHT });
    return { text: word, partText, alternatives, phrase: false, concept: false };
  };

  for (const part of parsed.parts) {
    partText = part.text;
    if (part.phrase) {
      const words = wordsOf(part.text);
      if (words.length) clauses.push({ text: compactSearchText(part.text), partText, alternatives: [{ words, weight: 1 }], phrase: true, concept: false });
      continue;
    }
    const text = part.text;
    let run = '';
    const flush = (): void => {
      if (!run) return;
      const words = wordsOf(run);
      const meaningful = words.filter((w) => !STOP_WORDS.has(w));
      for (const w of meaningful.length ? meaningful : words) clauses.push(plain(w));
      run = '';
    };
    for (let at = 0; at < text.length; ) {
      const hit = synonyms.termAt(text, at);
      if (!hit) {
        run += text[at];
        at += 1;
        continue;
      }
      flush();
      const alternatives = synonyms.termsOf(hit.group).flatMap((term) => {
        const weight = term === hit.term ? 1 : SYNONYM_WEIGHT;
        const words = wordsOf(term);
        const out = [{ words, weight }];
        // Only the typed term also matches by its pieces: a synonym's pieces apart (招生 … 范围) say too little, and cost a walk of two common lists.
        const pieces = words.length === 1 && term === hit.term ? segmenter.pieces(term) : null;
        if (pieces) out.push({ words: pieces, weight: weight * PIECES_WEIGHT });
        return out.filter((a) => a.words.length > 0);
      });
      clauses.push({ text: hit.term, partText, alternatives, phrase: false, concept: true });
      at += hit.term.length;
    }
    flush();
  }

  // The year weighs toward that year's notices instead of being a required word (a 2026 notice
  // need not write 2026), unless the query is only a year.
  const isYear = (c: Clause): boolean => parsed.year !== null && /^(19|20)[0-9]{2}(年|年度)?$/u.test(c.text);
  const kept = clauses.some((c) => !isYear(c)) ? clauses.filter((c) => !isYear(c)) : clauses;
  // The same clause twice (小学 小学) counts once.
  const unique = kept.filter((c, i) => kept.findIndex((o) => o.text === c.text && o.phrase === c.phrase) === i).slice(0, MAX_CLAUSES);

  const terms = [...new Set(unique.flatMap((c) => [c.text, ...c.alternatives.map((a) => a.words.join(''))]))];
  // Marked in the results: what was typed, each synonym as a whole term, and the words of what was
  // typed (its pieces too), but not the bare words inside a synonym (范围 of 招生范围) nor a lone
  // digit or letter.
  const highlight = [
    ...new Set(
      unique.flatMap((c) => [
        c.text,
        ...c.alternatives.flatMap((a) => (a.weight >= PIECES_WEIGHT ? [a.words.join(''), ...a.words] : [a.words.join('')])),
      ]),
    ),
  ]
    .filter((w) => !/^[0-9a-z]$/u.test(w) && ([...w].length >= 2 || unique.some((c) => c.text === w)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 24);
  const enrollment = terms.some((t) => ENROLLMENT_WORDS.some((w) => t.includes(w)));
  return { clauses: unique, year: parsed.year, compact: parsed.parts.map((p) => p.text.replace(/\s+/gu, '')).join(''), highlight, enrollment, terms };
}
