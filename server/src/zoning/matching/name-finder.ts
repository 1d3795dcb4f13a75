/**
 * Finds the table's place names in a normalised text: exactly (a walk down a trie of the names
 * from each position, so linear in the text times the longest name, with no substring built),
 * and by a bounded guess when
 * nothing exact explains a part of the text: one character wrong, missing or extra in a name of 3+
 * characters (a deletion index: a name and the name minus one character are keys), or a name's
 * beginning typed alone (北辰 → 北辰花园). No regular expressions, so no backtracking.
 */

export interface ExactHit {
  start: number;
  end: number;
  /** The normalised name. */
  name: string;
}

export interface GuessHit {
  name: string;
  /** How much of the text the guess explains (longer is better). */
  length: number;
  kind: 'typo' | 'prefix';
}

/** Guesses kept per index key: enough to tell one from many and to list candidates. */
const KEY_CAP = 24;
const MIN_NAME = 2;
const MIN_TYPO_NAME = 3;
const ADMIN_ENDS = new Set(['省', '市', '县']);

/** By UTF-16 code unit, so the hot loop reads numbers rather than making one-character strings. */
const isDigitCode = (code: number): boolean => code >= 0x30 && code <= 0x39;

/** A trie node: the next code units, and the name ending here (null when none does). */
interface TrieNode {
  next: Map<number, TrieNode>;
  name: string | null;
}

function add(map: Map<string, string[]>, key: string, name: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [name]);
  else if (list.length < KEY_CAP && !list.includes(name)) list.push(name);
}

/** Levenshtein distance ≤ 1, in one pass. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  if (la === lb) {
    let diff = 0;
    for (let i = 0; i < la; i += 1) if (a[i] !== b[i] && ++diff > 1) return false;
    return true;
  }
  const [s, l] = la < lb ? [a, b] : [b, a];
  let i = 0;
  let j = 0;
  let skipped = false;
  while (i < s.length && j < l.length) {
    if (s[i] === l[j]) {
      i += 1;
      j += 1;
    } else {
      if (skipped) return false;
      skipped = true;
      j += 1;
    }
  }
  return true;
}

export class NameFinder {
  /** The names by code unit, for `exact`. */
  private readonly trie: TrieNode = { next: new Map(), name: null };
  private readonly maxLen: number;
  /** name and name-minus-one-character → names (names of 3+ characters). */
  private readonly deletions = new Map<string, string[]>();
  /** Proper beginnings (2+ characters) → names. */
  private readonly prefixes = new Map<string, string[]>();

  constructor(names: Iterable<string>) {
    const set = new Set<string>();
    for (const name of names) if (name.length >= MIN_NAME) set.add(name);
    let maxLen = 0;
    for (const name of set) {
      let node = this.trie;
      for (let i = 0; i < name.length; i += 1) {
        const code = name.charCodeAt(i);
        let child = node.next.get(code);
        if (!child) {
          child = { next: new Map(), name: null };
          node.next.set(code, child);
        }
        node = child;
      }
      node.name = name;
      maxLen = Math.max(maxLen, name.length);
      if (name.length >= MIN_TYPO_NAME) {
        add(this.deletions, name, name);
        for (let i = 0; i < name.length; i += 1) add(this.deletions, name.slice(0, i) + name.slice(i + 1), name);
        for (let l = 2; l < name.length; l += 1) add(this.prefixes, name.slice(0, l), name);
      }
    }
    this.maxLen = maxLen;
  }

  /** Every occurrence of a known name; a name never starts or ends inside a run of digits. */
  exact(text: string): ExactHit[] {
    const hits: ExactHit[] = [];
    const n = text.length;
    for (let i = 0; i < n; i += 1) {
      if (i > 0 && isDigitCode(text.charCodeAt(i)) && isDigitCode(text.charCodeAt(i - 1))) continue;
      let node: TrieNode | undefined = this.trie;
      for (let end = i + 1; end <= n; end += 1) {
        node = node.next.get(text.charCodeAt(end - 1));
        if (!node) break;
        // Every name is at least MIN_NAME long (shorter ones never enter the trie).
        if (node.name === null) continue;
        if (end < n && isDigitCode(text.charCodeAt(end - 1)) && isDigitCode(text.charCodeAt(end))) continue;
        hits.push({ start: i, end, name: node.name });
      }
    }
    return hits;
  }

  /**
   * Guesses for one part of the text no exact name explained. Only pieces anchored at the part's
   * end (a name is followed by its number or nothing) or at its start (also after a leading
   * 省 / 市 / 县, e.g. 潍坊市昌乐县北城花园) count, so random text inside a long input rarely
   * resembles a name by chance.
   */
  guess(segment: string): GuessHit[] {
    const m = segment.length;
    if (m < 2) return [];
    const starts = [0];
    for (let p = 1; p < m - 1; p += 1) if (ADMIN_ENDS.has(segment[p]!)) starts.push(p + 1);
    const hits = new Map<string, GuessHit>();
    const keep = (name: string, length: number, kind: GuessHit['kind']) => {
      const seen = hits.get(name);
      if (!seen || seen.length < length) hits.set(name, { name, length, kind });
    };
    const tried = new Set<string>();
    const consider = (s: number, len: number) => {
      const sub = segment.slice(s, s + len);
      const key = `${s}:${len}`;
      if (tried.has(key)) return;
      tried.add(key);
      const whole = starts.includes(s) && s + len === m;
      const endAnchored = s + len === m;
      // One character wrong, missing or extra (3+ character names; a 2-character piece only when it is all there is).
      if (len >= 3 || whole) {
        const found = new Set<string>(this.deletions.get(sub) ?? []);
        if (len >= 3) {
          for (let i = 0; i < len; i += 1) for (const name of this.deletions.get(sub.slice(0, i) + sub.slice(i + 1)) ?? []) found.add(name);
        }
        for (const name of found) {
          if (name === sub || !withinOneEdit(sub, name)) continue;
          // A piece cut out of longer text must not differ at its cut edge (乔官南展 is not 乔官镇 + 展).
          if (!whole && !endAnchored && sub[len - 1] !== name[name.length - 1]) continue;
          if (!whole && endAnchored && s > 0 && !starts.includes(s) && sub[0] !== name[0]) continue;
          keep(name, len, 'typo');
        }
      }
      // The beginning of a name typed alone (北辰 for 北辰花园), right before its number or the end.
      if (endAnchored) for (const name of this.prefixes.get(sub) ?? []) keep(name, len, 'prefix');
    };
    const top = Math.min(m, this.maxLen + 1);
    for (let len = top; len >= 2; len -= 1) {
      for (const s of starts) if (s + len <= m) consider(s, len);
      consider(m - len, len);
    }
    return [...hits.values()];
  }
}
