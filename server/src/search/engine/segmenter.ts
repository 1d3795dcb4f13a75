import { Injectable } from '@nestjs/common';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';
import { foldSearchText } from '@gongkai/shared';
import * as OpenCC from 'opencc-js';

/**
 * Words of the county's education vocabulary that jieba's general dictionary lacks or splits
 * (幼升小 would be 幼 / 升 / 小). Fixed in code, so documents and queries are always cut with the
 * same dictionary; synonyms staff add are matched on the query side and need no dictionary entry.
 */
const COUNTY_WORDS = [
  '幼升小', '小升初', '随迁子女', '招生范围', '学区划分', '划片范围', '施教区', '一年级新生', '初一新生', '双减', '改薄',
  '课后服务', '学前教育', '义务教育', '普惠性', '学籍', '转学', '助学金', '助学贷款', '中考', '招教', '办事指南', '责任督学',
  '信息公开', '依申请公开', '学位', '房户一致', '高中段',
];

/** A token that is only punctuation or white space: never a word of the index. */
const NOT_A_WORD = /^[\s\p{P}\p{S}]*$/u;
const HAN = /^\p{Script=Han}+$/u;

/**
 * Cuts text into words with jieba (@node-rs/jieba: the Rust port, prebuilt binaries through npm)
 * and folds queries: full-width and case by NFKC (shared `foldSearchText`), traditional to
 * simplified by OpenCC's tables. Notices are written in simplified Chinese, so only queries are
 * converted (OpenCC costs about a microsecond per character: too much for 100,000 bodies).
 * One jieba instance per process: its dictionary takes ~0.2 s and ~30 MB to load.
 */
@Injectable()
export class Segmenter {
  private static jieba: Jieba | null = null;
  private static toSimplified: ((s: string) => string) | null = null;
  private static dictionaryWords: ReadonlySet<string> | null = null;

  private get jieba(): Jieba {
    if (!Segmenter.jieba) {
      const j = Jieba.withDict(dict);
      j.loadDict(Buffer.from(COUNTY_WORDS.map((w) => `${w} 2000 n`).join('\n')));
      Segmenter.jieba = j;
    }
    return Segmenter.jieba;
  }

  /** A query as searched: NFKC, lower case, traditional → simplified, spaces collapsed. */
  foldQuery(raw: string): string {
    Segmenter.toSimplified ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
    return Segmenter.toSimplified(foldSearchText(raw));
  }

  /** A document's text as indexed (NFKC and lower case; no OpenCC, see above). */
  foldDocument(text: string): string {
    return text.normalize('NFKC').toLowerCase();
  }

  /**
   * The words of a folded document, in order (`words`: as jieba cuts the text), and the shorter
   * words inside them (`parts`: 义务 and 教育 inside 义务教育), so a query for either finds it while a
   * whole word counts more than a part of one.
   */
  documentWords(folded: string): { words: string[]; parts: string[] } {
    const words: string[] = [];
    const parts: string[] = [];
    if (!folded) return { words, parts };
    const known = this.dictionary;
    for (const w of this.jieba.cut(folded, true)) {
      if (NOT_A_WORD.test(w)) continue;
      words.push(w);
      if (w.length < 3 || !HAN.test(w)) continue;
      // The parts of a long word as jieba's search mode finds them (its two- and three-character
      // words inside), looked up here rather than by a native call per word; and a three-character
      // word's beginning and end (jieba keeps 普惠性 whole and knows no 普惠 inside it).
      for (let i = 0; i + 2 <= w.length; i += 1) {
        const two = w.slice(i, i + 2);
        if (w.length === 3 || known.has(two)) parts.push(two);
      }
      if (w.length > 3) for (let i = 0; i + 3 <= w.length; i += 1) if (known.has(w.slice(i, i + 3))) parts.push(w.slice(i, i + 3));
    }
    return { words, parts };
  }

  /** jieba's dictionary words of two and three characters (for the parts of long words). */
  private get dictionary(): ReadonlySet<string> {
    if (!Segmenter.dictionaryWords) {
      const words = new Set<string>();
      for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
        const word = line.slice(0, line.indexOf(' '));
        if (word.length === 2 || word.length === 3) words.add(word);
      }
      for (const w of COUNTY_WORDS) if (w.length === 2 || w.length === 3) words.add(w);
      Segmenter.dictionaryWords = words;
    }
    return Segmenter.dictionaryWords;
  }

  /** The words of one part of a folded query, as typed (coarse: 学区划分 stays one word). */
  queryWords(folded: string): string[] {
    if (!folded) return [];
    return this.jieba.cut(folded, true).filter((w) => !NOT_A_WORD.test(w));
  }

  /**
   * The shorter words covering a long one, left to right (学区划分 → 学区, 划分), or null when it has
   * none: a query word also matches a document holding its pieces.
   */
  pieces(word: string): string[] | null {
    if ([...word].length < 3) return null;
    const inner = this.jieba.cutForSearch(word, true).filter((w) => w !== word && !NOT_A_WORD.test(w));
    const out: string[] = [];
    let at = 0;
    while (at < word.length) {
      const next = inner.filter((w) => word.startsWith(w, at)).sort((a, b) => b.length - a.length)[0];
      if (!next) {
        // A character no piece covers: keep it as a one-character piece.
        out.push(word[at]!);
        at += 1;
      } else {
        out.push(next);
        at += next.length;
      }
    }
    // Single characters say little on their own (幼 + 升 + 小): only pieces that are words count.
    return out.length > 1 && out.every((w) => [...w].length >= 2) ? out : null;
  }
}
