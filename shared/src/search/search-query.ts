/**
 * What a parent typed into the search box, as the server and the mini-program both read it.
 * Pure rules only: the segmentation into words (jieba) and the traditional → simplified folding
 * (OpenCC's tables) need dictionaries and live on the server (`server/src/search/engine/`).
 */

/** Longest query kept, in characters after folding; longer input is refused with a 400. */
export const SEARCH_QUERY_MAX = 60;
/** Results per page: default and most. */
export const SEARCH_PAGE_DEFAULT = 10;
export const SEARCH_PAGE_MAX = 30;
/** Suggestions while typing: at most this many. */
export const SEARCH_SUGGEST_MAX = 8;
/** Recent searches the mini-program keeps on the device. */
export const SEARCH_RECENT_MAX = 10;

/**
 * Full-width → half-width (ＡＢＣ１２３ → abc123, the ideographic space → space) and lower case,
 * white space collapsed. NFKC also folds compatibility forms (①, ㈠); it leaves CJK ideographs and
 * Chinese punctuation such as “”《》 alone.
 */
export function foldSearchText(raw: string): string {
  return raw.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** One part of a query: a run of words typed together, or a phrase the parent put in quotes. */
export interface SearchQueryPart {
  text: string;
  /** Quoted: the words must appear together, in this order. */
  phrase: boolean;
}

export interface ParsedSearchQuery {
  /** The folded query, as searched and as kept in the statistics (before masking). */
  text: string;
  /** Every part must match (in any order): parts are what the parent separated by spaces or quotes. */
  parts: SearchQueryPart[];
  /** A year named in the query (2026, 2026年); results of that year weigh more. */
  year: number | null;
}

// “…” and "…" (after NFKC, full-width quotes stay curly); 「…」 and 『…』 as typed on some keyboards.
const PHRASE = /"([^"]*)"|“([^”]*)”|「([^」]*)」|『([^』]*)』/gu;
const YEAR = /(?:^|[^0-9])((?:19|20)[0-9]{2})(?:年|年度)?(?![0-9])/u;
/** Separators a parent types between words: spaces and the usual punctuation. */
const SEPARATORS = /[\s,，、;；.。!！?？:：|/\\()（）[\]【】<>《》'‘’+&＆·—\-_~]+/u;

/**
 * Text with every separator a parent may type removed: how a quoted phrase is compared with a
 * notice (“2025-2026学年” matches 2025—2026学年 and 2025 - 2026 学年 alike).
 */
export function compactSearchText(text: string): string {
  return text.replace(new RegExp(SEPARATORS.source, 'gu'), '');
}

/**
 * Splits a folded query into its parts. Quotes make a phrase; any other separator separates words.
 * Empty input gives no parts (the search route refuses an empty query before it gets here).
 */
export function parseSearchQuery(raw: string): ParsedSearchQuery {
  const text = foldSearchText(raw);
  const parts: SearchQueryPart[] = [];
  let rest = '';
  let at = 0;
  for (const m of text.matchAll(PHRASE)) {
    rest += `${text.slice(at, m.index)} `;
    const phrase = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (phrase) parts.push({ text: phrase.replace(new RegExp(SEPARATORS.source, 'gu'), ' ').trim(), phrase: true });
    at = (m.index ?? 0) + m[0].length;
  }
  rest += text.slice(at);
  // An unclosed quote counts as a separator.
  for (const word of rest.replace(/["“”「」『』]/gu, ' ').split(SEPARATORS)) {
    if (word) parts.push({ text: word, phrase: false });
  }
  const year = YEAR.exec(text);
  return { text, parts: parts.filter((p) => p.text !== ''), year: year ? Number(year[1]) : null };
}

/**
 * Words that name the enrollment season: in spring and summer (March to August, Shanghai time) a
 * query holding one of them ranks the current year's notices first.
 */
export const ENROLLMENT_WORDS = ['招生', '入学', '划片', '学区', '招生范围', '幼升小', '小升初', '报名', '新生', '一年级', '中考', '高中段招生', '随迁子女', '学位'] as const;

/** March to August: the enrollment season (报名 in spring, 录取 and 分班 in summer). */
export function inEnrollmentSeason(shanghaiMonth: number): boolean {
  return shanghaiMonth >= 3 && shanghaiMonth <= 8;
}

// A house, building or room number, or a name ending the way places end (北辰花园, 人民路, 城关镇).
const ADDRESS_NUMBER = /[0-9一二三四五六七八九十百]+\s*(?:号院|号楼|号|栋|幢|单元|室|组)/u;
const ADDRESS_END = /(?:小区|花园|家园|公寓|苑|府|庄园|新村|社区|村|路|街|街道|大道|巷|胡同|镇|乡|居委会)$/u;

/** Whether a query reads as an address, so search also asks the 学区 lookup (the lookup decides if it matched). */
export function looksLikeAddress(folded: string): boolean {
  const text = folded.replace(/\s+/gu, '');
  return [...text].length >= 3 && (ADDRESS_NUMBER.test(text) || ADDRESS_END.test(text));
}
