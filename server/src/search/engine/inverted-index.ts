/**
 * The search index: an inverted index in memory, BM25F over three fields (title, summary, body)
 * with the rules of `ranking.ts` on top. Pure: it knows nothing of Nest or the database.
 *
 * Documents live in slots that are only appended: a changed document gets a new slot and its old
 * one is marked dead, so every posting list stays sorted by slot without re-sorting, and a query
 * never sees half an update (JavaScript runs it to its end before the next change applies).
 * `SearchIndexService` rebuilds from the database when dead slots pass a quarter.
 */

export type DocKind = 'notice' | 'guide' | 'qa';

/** A document as the index takes it: text already folded (NFKC, lower case), words already cut. */
export interface IndexedDoc {
  kind: DocKind;
  id: number;
  /** As shown (suggestions), and folded (title bonuses, phrases). */
  title: string;
  foldedTitle: string;
  foldedSummary: string;
  /** Each field's words and the parts inside them (`Segmenter.documentWords`). */
  titleWords: { words: string[]; parts: string[] };
  summaryWords: { words: string[]; parts: string[] };
  bodyWords: { words: string[]; parts: string[] };
  categoryCode: string | null;
  topicCodes: string[];
  publishedAt: number;
  /** The Shanghai year of publication. */
  year: number;
}

/** One required part of a query: any alternative matches it; an alternative needs all its words. */
export interface Clause {
  /** The clause's own text (folded): for the title bonus. */
  text: string;
  /** The part of the query it came from, as typed: the typo fallback matches titles against it. */
  partText: string;
  /** A synonym group: its terms are one concept, weighed alike (a rarer synonym is not worth more). */
  concept: boolean;
  alternatives: { words: string[]; weight: number }[];
  /** Quoted: the text must appear as is; the index finds the documents holding its words, the caller checks the text. */
  phrase: boolean;
}

export interface RankOptions {
  /** A year the query names: that year's documents weigh more. */
  year: number | null;
  /** Topics the query names: their documents weigh more. */
  topics: ReadonlySet<string>;
  /** In the enrollment season with an enrollment word: this year's documents first. */
  seasonYear: number | null;
  now: number;
  /** The query without spaces: a title holding all of it weighs more. */
  compact: string;
}

export interface RankedList {
  /** Best first; `key` = slot's kind and id. */
  hits: { kind: DocKind; id: number; slot: number }[];
  total: number;
  /** No document held every part: these hold most parts. */
  partial: boolean;
}

const FIELD_WEIGHT = { title: 4, summary: 1.6, body: 1 } as const;
// Title length counts: a short title that holds the word is about it; long bodies are damped less than BM25's usual 0.75.
const FIELD_B = { title: 0.6, summary: 0.5, body: 0.6 } as const;
const K1 = 1.2;
// Halves: a whole word is counted two in the packed frequencies (see `put`).
const W_TITLE = FIELD_WEIGHT.title / 2;
const W_SUMMARY = FIELD_WEIGHT.summary / 2;
const W_BODY = FIELD_WEIGHT.body / 2;
const YEAR_MS = 365.25 * 86_400_000;
const RECENCY_EPOCH = Date.UTC(2000, 0, 1);
/** A clause whose words all stand in the title counts this much more. */
const TITLE_CLAUSE_BONUS = 1.5;
const TF_MAX = 255;
const KIND_CODE: Record<DocKind, number> = { notice: 0, guide: 1, qa: 2 };
const KINDS: DocKind[] = ['notice', 'guide', 'qa'];

/** A clause ready to evaluate: its alternatives' postings and idfs, and what evaluating it costs. */
interface ClauseContext {
  clause: Clause;
  alts: { postings: Posting[]; idfs: number[]; weight: number }[];
  /** Documents it may match at most (the order of evaluation). */
  estimate: number;
  /** Postings read to evaluate it over its lists. */
  scanCost: number;
  /** Its words' rarity, for partial matches. */
  weight: number;
  /**
   * Whether a scan keeps what it found (`scanned`) for the next pass of the same ranking: the
   * partial passes evaluate each clause again (once per left-out clause), and a clause falling
   * back on titles costs a title search each time. Set for those, and for every clause once a
   * strict pass found nothing.
   */
  keepScan: boolean;
  scanned: { slots: Int32Array; scores: Float64Array; titled: Uint8Array } | null;
}

/** A growable list of (slot, packed term frequencies): slots ascend because slots are only appended. */
class Posting {
  slots = new Int32Array(4);
  tfs = new Int32Array(4);
  n = 0;
  /**
   * Each entry's saturated frequency (BM25F), worked out the first time a query reads the list and
   * kept until the length norms are recomputed (`normsEpoch`): a scan then reads one number per
   * entry instead of three norms and a division. Entries appended since are worked out on the next read.
   */
  impacts: Float32Array | null = null;
  impactsDone = 0;
  impactsEpoch = -1;

  push(slot: number, tf: number): void {
    if (this.n === this.slots.length) {
      const slots = new Int32Array(this.n * 2);
      slots.set(this.slots);
      this.slots = slots;
      const tfs = new Int32Array(this.n * 2);
      tfs.set(this.tfs);
      this.tfs = tfs;
    }
    this.slots[this.n] = slot;
    this.tfs[this.n] = tf;
    this.n += 1;
  }

  /** The packed frequencies of `slot`, or -1 when absent (binary search: the slots ascend). */
  find(slot: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.slots[mid]!;
      if (s === slot) return this.tfs[mid]!;
      if (s < slot) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** Growable typed columns of the slots. */
class Slots {
  capacity = 0;
  kind = new Uint8Array(0);
  id = new Int32Array(0);
  alive = new Uint8Array(0);
  publishedAt = new Float64Array(0);
  year = new Uint16Array(0);
  /** The first year the title names (0: none): the year a query names is checked against it. */
  titleYear = new Uint16Array(0);
  lenTitle = new Uint16Array(0);
  lenSummary = new Uint16Array(0);
  lenBody = new Uint32Array(0);
  // Per-query scratch, stamped with the query's epoch instead of cleared.
  stamp = new Uint32Array(0);
  mask = new Uint32Array(0);
  score = new Float64Array(0);
  clauseStamp = new Uint32Array(0);
  clauseScore = new Float64Array(0);
  clauseTitled = new Uint8Array(0);
  normTitle = new Float32Array(0);
  normSummary = new Float32Array(0);
  normBody = new Float32Array(0);
  recency = new Float64Array(0);
  inClause = new Int32Array(0);
  candsA = new Int32Array(0);
  candsB = new Int32Array(0);
  title: string[] = [];
  foldedTitle: string[] = [];
  foldedSummary: string[] = [];
  category: (string | null)[] = [];
  topics: string[][] = [];

  ensure(n: number): void {
    if (n <= this.capacity) return;
    const cap = Math.max(1024, this.capacity * 2, n);
    const grow = <T extends Uint8Array | Int32Array | Float32Array | Float64Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.kind = grow(this.kind, (c) => new Uint8Array(c));
    this.id = grow(this.id, (c) => new Int32Array(c));
    this.alive = grow(this.alive, (c) => new Uint8Array(c));
    this.publishedAt = grow(this.publishedAt, (c) => new Float64Array(c));
    this.year = grow(this.year, (c) => new Uint16Array(c));
    this.titleYear = grow(this.titleYear, (c) => new Uint16Array(c));
    this.lenTitle = grow(this.lenTitle, (c) => new Uint16Array(c));
    this.lenSummary = grow(this.lenSummary, (c) => new Uint16Array(c));
    this.lenBody = grow(this.lenBody, (c) => new Uint32Array(c));
    this.stamp = grow(this.stamp, (c) => new Uint32Array(c));
    this.mask = grow(this.mask, (c) => new Uint32Array(c));
    this.score = grow(this.score, (c) => new Float64Array(c));
    this.clauseStamp = grow(this.clauseStamp, (c) => new Uint32Array(c));
    this.clauseScore = grow(this.clauseScore, (c) => new Float64Array(c));
    this.clauseTitled = grow(this.clauseTitled, (c) => new Uint8Array(c));
    this.normTitle = grow(this.normTitle, (c) => new Float32Array(c));
    this.normSummary = grow(this.normSummary, (c) => new Float32Array(c));
    this.normBody = grow(this.normBody, (c) => new Float32Array(c));
    this.recency = grow(this.recency, (c) => new Float64Array(c));
    this.inClause = grow(this.inClause, (c) => new Int32Array(c));
    this.candsA = grow(this.candsA, (c) => new Int32Array(c));
    this.candsB = grow(this.candsB, (c) => new Int32Array(c));
    this.capacity = cap;
  }
}

/** Distinct adjacent character pairs (letters, digits and ideographs only): the titles' typo fallback and suggestions, a query's closeness to a topic's name. */
export function characterPairs(folded: string): string[] {
  const chars = [...folded.replace(/[^\p{L}\p{N}]/gu, '')];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

export class InvertedIndex {
  private readonly slots = new Slots();
  private used = 0;
  private live = 0;
  private dead = 0;
  private readonly words = new Map<string, Posting>();
  private readonly grams = new Map<string, Posting>();
  /** The live slot of each document, by `kind:id` (a guide is a notice: one key space for both). */
  private readonly slotOf = new Map<string, number>();
  private sumTitle = 0;
  private sumSummary = 0;
  private sumBody = 0;
  private epoch = 0;
  private clauseEpoch = 0;

  get size(): number {
    return this.live;
  }

  /** Share of slots that are dead (changed or removed documents): the owner rebuilds past a quarter. */
  get deadShare(): number {
    return this.used === 0 ? 0 : this.dead / this.used;
  }

  /** Distinct words indexed (the benchmark reports it). */
  get vocabulary(): number {
    return this.words.size;
  }

  has(kind: DocKind, id: number): boolean {
    return this.slotOf.has(docKey(kind, id));
  }

  /** Adds or replaces a document. */
  put(doc: IndexedDoc): void {
    this.remove(doc.kind, doc.id);
    const slot = this.used;
    this.slots.ensure(slot + 1);
    this.used += 1;
    this.live += 1;
    const s = this.slots;
    s.kind[slot] = KIND_CODE[doc.kind];
    s.id[slot] = doc.id;
    s.alive[slot] = 1;
    s.publishedAt[slot] = doc.publishedAt;
    s.recency[slot] = Math.pow(2, (doc.publishedAt - RECENCY_EPOCH) / YEAR_MS);
    s.year[slot] = doc.year;
    const named = /(?:19|20)[0-9]{2}/u.exec(doc.foldedTitle);
    s.titleYear[slot] = named ? Number(named[0]) : 0;
    s.lenTitle[slot] = Math.min(doc.titleWords.words.length, 65_535);
    s.lenSummary[slot] = Math.min(doc.summaryWords.words.length, 65_535);
    s.lenBody[slot] = doc.bodyWords.words.length;
    s.title[slot] = doc.title;
    s.foldedTitle[slot] = doc.foldedTitle;
    s.foldedSummary[slot] = doc.foldedSummary;
    s.category[slot] = doc.categoryCode;
    s.topics[slot] = doc.topicCodes;
    this.sumTitle += s.lenTitle[slot]!;
    this.sumSummary += s.lenSummary[slot]!;
    this.sumBody += s.lenBody[slot]!;
    this.slotOf.set(docKey(doc.kind, doc.id), slot);

    const tf = new Map<string, number>();
    // A whole word counts two, a part of a longer word one ("whole word over partial").
    const count = (words: string[], shift: number, step: number): void => {
      for (const w of words) {
        const packed = tf.get(w) ?? 0;
        if (((packed >>> shift) & 0xff) <= TF_MAX - step) tf.set(w, packed + (step << shift));
      }
    };
    count(doc.titleWords.words, 0, 2);
    count(doc.titleWords.parts, 0, 1);
    count(doc.summaryWords.words, 8, 2);
    count(doc.summaryWords.parts, 8, 1);
    count(doc.bodyWords.words, 16, 2);
    count(doc.bodyWords.parts, 16, 1);
    for (const [w, packed] of tf) {
      let p = this.words.get(w);
      if (!p) this.words.set(w, (p = new Posting()));
      p.push(slot, packed);
    }
    for (const g of characterPairs(doc.foldedTitle)) {
      let p = this.grams.get(g);
      if (!p) this.grams.set(g, (p = new Posting()));
      p.push(slot, 1);
    }
  }

  remove(kind: DocKind, id: number): void {
    const key = docKey(kind, id);
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    this.slotOf.delete(key);
    const s = this.slots;
    s.alive[slot] = 0;
    this.live -= 1;
    this.dead += 1;
    this.sumTitle -= s.lenTitle[slot]!;
    this.sumSummary -= s.lenSummary[slot]!;
    this.sumBody -= s.lenBody[slot]!;
    // The strings are not needed any more; the posting entries stay until the next rebuild.
    s.title[slot] = '';
    s.foldedTitle[slot] = '';
    s.foldedSummary[slot] = '';
    s.topics[slot] = [];
  }

  /** Every live document of a kind (the owner replaces all Q&A at once). */
  idsOf(kind: DocKind): number[] {
    const out: number[] = [];
    for (const key of this.slotOf.keys()) {
      const [k, id] = key.split(':');
      if (k === kind) out.push(Number(id));
    }
    return out;
  }

  /**
   * Ranks every document matching the clauses; keeps the best `keep` in order. Runs to its end
   * without awaiting, so it sees one state of the index.
   *
   * Every clause is required: the clause expected to match fewest documents runs first and gives
   * the candidates; each further clause is evaluated either over its postings or, when cheaper,
   * only at the candidates (binary search in each posting list). Only when no document holds all
   * clauses does a second pass count the documents holding most of them (`partial`).
   */
  rank(clauses: Clause[], opts: RankOptions, keep: number): RankedList {
    if (clauses.length === 0 || this.live === 0) return { hits: [], total: 0, partial: false };
    this.refreshNorms();
    const s = this.slots;
    const count = Math.min(clauses.length, 31);
    const ctx = this.context(clauses.slice(0, count));
    const order = ctx.map((_, i) => i).sort((a, b) => ctx[a]!.estimate - ctx[b]!.estimate);

    let candidates = this.strict(ctx, order);
    let partial = false;
    if (candidates.length === 0 && count > 1) {
      partial = true;
      if (count <= 4) {
        for (const c of ctx) c.keepScan = true;
        candidates = this.allButOne(ctx, order);
      } else {
        candidates = this.partialPass(ctx);
      }
    }
    const decay = Math.pow(0.5, (opts.now - RECENCY_EPOCH) / YEAR_MS);
    // The most any candidate's score can grow by its boosts: one that cannot reach the worst kept is skipped.
    const most = 1.8 * (opts.year !== null ? 2 : 1) * (opts.topics.size > 0 ? 1.4 : 1) * (opts.seasonYear !== null ? 1.5 : 1);
    const boosted = (slot: number): number => s.score[slot]! * this.boost(slot, opts, decay);
    // The whole query standing in a title (× 1.3) is a string search: done on a shortlist only.
    let hits = this.best(candidates, opts.compact.length >= 3 ? keep * 4 : keep, { final: boosted, most });
    if (opts.compact.length >= 3) {
      for (const h of hits) if (s.foldedTitle[h.slot]!.includes(opts.compact)) s.score[h.slot] = s.score[h.slot]! * 1.3;
      hits = this.best(Int32Array.from(hits, (h) => h.slot), keep);
    }
    return { hits, total: candidates.length, partial: partial && candidates.length > 0 };
  }

  /**
   * The documents meeting every clause of `order` (indexes into `ctx`), intersected clause by
   * clause, the rarest first; each later clause is evaluated over its postings or, when cheaper,
   * only at the candidates. Leaves each one's summed score in `score`; returns a copy of the slots.
   */
  private strict(ctx: ClauseContext[], order: number[]): Int32Array {
    const s = this.slots;
    this.nextEpoch();
    const epoch = this.epoch;
    let cands = s.candsA;
    let next = s.candsB;
    let nc = 0;
    for (const [step, c] of order.entries()) {
      const clause = ctx[c]!;
      const m = step > 0 && probeCost(clause, nc) < clause.scanCost ? this.evalAt(clause, cands, nc) : this.evalScan(clause);
      let kept = 0;
      for (let i = 0; i < m; i += 1) {
        const slot = s.inClause[i]!;
        const met = s.clauseScore[slot]! * (s.clauseTitled[slot] === 1 ? TITLE_CLAUSE_BONUS : 1);
        if (step === 0) {
          s.stamp[slot] = epoch;
          s.mask[slot] = 1;
          s.score[slot] = met;
          next[kept++] = slot;
        } else if (s.stamp[slot] === epoch && s.mask[slot] === step) {
          // `mask` counts the clauses met so far: only a slot that met every earlier one goes on.
          s.mask[slot] = step + 1;
          s.score[slot] = s.score[slot]! + met;
          next[kept++] = slot;
        }
      }
      [cands, next] = [next, cands];
      nc = kept;
      if (nc === 0) break;
    }
    return cands.slice(0, nc);
  }

  /**
   * Nothing holds every clause of a short query: the documents holding all but one, each left-out
   * clause in turn (a strict pass each, cheap), when what they hold weighs at least half; scored by
   * that share.
   */
  private allButOne(ctx: ClauseContext[], order: number[]): Int32Array {
    const s = this.slots;
    const weights = this.partialWeights(ctx);
    const total = weights.reduce((a, b) => a + b, 0);
    const found: Int32Array[] = [];
    for (let j = 0; j < ctx.length; j += 1) {
      const share = (total - weights[j]!) / total;
      if (share < 0.5) continue;
      const hits = this.strict(ctx, order.filter((c) => c !== j));
      for (const slot of hits) s.score[slot] = s.score[slot]! * share * share;
      found.push(hits);
    }
    // A slot met all but j for one j only (none met all), so the lists are disjoint.
    const out = new Int32Array(found.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const f of found) {
      out.set(f, at);
      at += f.length;
    }
    return out;
  }

  /** Each clause's weight for partial matches: its rarity; a clause whose words exist nowhere weighs as the heaviest. */
  private partialWeights(ctx: ClauseContext[]): number[] {
    const weights = ctx.map((c) => c.weight);
    const heaviest = Math.max(0, ...weights) || 1;
    return weights.map((w) => (w === 0 ? heaviest : w));
  }

  /**
   * Nothing holds every part: the documents holding at least half of the clauses, weighed by their
   * words' rarity (a query with a word found nowhere still offers what holds the others), scored by
   * the share they hold.
   */
  private partialPass(ctx: ClauseContext[]): Int32Array {
    const s = this.slots;
    this.nextEpoch();
    const epoch = this.epoch;
    // The strict pass is over: its candidate buffer holds the documents touched.
    const touched = s.candsA;
    let nt = 0;
    const add = (slot: number, c: number, met: number): void => {
      if (s.stamp[slot] !== epoch) {
        s.stamp[slot] = epoch;
        s.mask[slot] = 0;
        s.score[slot] = 0;
        touched[nt++] = slot;
      }
      s.mask[slot] = s.mask[slot]! | (1 << c);
      s.score[slot] = s.score[slot]! + met;
    };
    ctx.forEach((clause, c) => {
      const only = clause.alts.length === 1 && clause.alts[0]!.postings.length === 1 ? clause.alts[0]! : null;
      if (only) {
        // One word (most clauses): its list is read straight into the sums, as evalScan would score
        // it (a slot stands once in a list); a list with no live entry falls back as evalScan does.
        const p = only.postings[0]!;
        const factor = only.weight * only.idfs[0]!;
        const impacts = this.impacts(p);
        let live = 0;
        for (let i = 0; i < p.n; i += 1) {
          const slot = p.slots[i]!;
          if (s.alive[slot] !== 1) continue;
          live += 1;
          add(slot, c, factor * impacts[i]! * ((p.tfs[i]! & 0xff) > 0 ? TITLE_CLAUSE_BONUS : 1));
        }
        if (live > 0) return;
      }
      const m = this.evalScan(clause);
      for (let i = 0; i < m; i += 1) {
        const slot = s.inClause[i]!;
        add(slot, c, s.clauseScore[slot]! * (s.clauseTitled[slot] === 1 ? TITLE_CLAUSE_BONUS : 1));
      }
    });
    const weights = this.partialWeights(ctx);
    const total = weights.reduce((a, b) => a + b, 0);
    // Common words touch most documents, but they hold few distinct sets of clauses: each set's
    // share is worked out once (0 when it holds too few clauses), not once per document.
    const need = Math.ceil(ctx.length / 2);
    const shares = new Map<number, number>();
    const shareOf = (m: number): number => {
      let share = shares.get(m);
      if (share === undefined) {
        const weight = weights.reduce((sum, w, c) => ((m >>> c) & 1 ? sum + w : sum), 0);
        share = popcount(m) >= need && weight >= total / 2 ? weight / total : 0;
        shares.set(m, share);
      }
      return share;
    };
    const kept = new Int32Array(nt);
    let k = 0;
    for (let i = 0; i < nt; i += 1) {
      const slot = touched[i]!;
      const mask = s.mask[slot]!;
      // Most documents hold one or two common words: too few clauses, ruled out without a lookup.
      if (popcount(mask) < need) continue;
      const share = shareOf(mask);
      if (share === 0) continue;
      s.score[slot] = s.score[slot]! * share * share;
      kept[k++] = slot;
    }
    return kept.slice(0, k);
  }

  /** Each clause's postings, idf per word (a synonym group weighs as its most common term) and cost estimates. */
  private context(clauses: Clause[]): ClauseContext[] {
    const n = Math.max(1, this.live);
    const idfOf = (p: Posting): number => Math.log(1 + (n - p.n + 0.5) / (p.n + 0.5));
    return clauses.map((clause) => {
      let conceptIdf = Infinity;
      let weight = 0;
      const alts: ClauseContext['alts'] = [];
      for (const alt of clause.alternatives) {
        const ps = alt.words.map((w) => this.words.get(w));
        for (const p of ps) if (p) weight = Math.max(weight, idfOf(p));
        if (ps.length === 1 && ps[0]) conceptIdf = Math.min(conceptIdf, idfOf(ps[0]));
        if (ps.length === 0 || ps.some((p) => p === undefined)) continue;
        alts.push({ postings: ps as Posting[], idfs: [], weight: alt.weight });
      }
      for (const alt of alts) alt.idfs = alt.postings.map((p) => (clause.concept ? Math.min(idfOf(p), conceptIdf) : idfOf(p)));
      const scanCost = alts.reduce((sum, a) => sum + Math.min(...a.postings.map((p) => p.n)), 0);
      return {
        clause,
        alts,
        estimate: alts.length ? scanCost : 0,
        scanCost,
        weight: clause.concept && conceptIdf !== Infinity ? conceptIdf : weight,
        keepScan: alts.length === 0,
        scanned: null,
      };
    });
  }

  /**
   * A clause over its postings: fills `inClause` with each matching slot once, `clauseScore` with
   * its best alternative's score and `clauseTitled` with whether that met it in the title. Returns
   * how many. A clause no word matched falls back to titles (typos, words cut otherwise).
   */
  private evalScan(ctx: ClauseContext): number {
    const s = this.slots;
    if (ctx.scanned) {
      const { slots, scores, titled } = ctx.scanned;
      for (let i = 0; i < slots.length; i += 1) {
        const slot = slots[i]!;
        s.inClause[i] = slot;
        s.clauseScore[slot] = scores[i]!;
        s.clauseTitled[slot] = titled[i]!;
      }
      return slots.length;
    }
    this.clauseEpoch += 1;
    if (this.clauseEpoch === 0xffffffff) {
      s.clauseStamp.fill(0);
      this.clauseEpoch = 1;
    }
    const ce = this.clauseEpoch;
    let m = 0;
    const credit = (slot: number, value: number, titled: boolean): void => {
      if (s.clauseStamp[slot] !== ce) {
        s.clauseStamp[slot] = ce;
        s.clauseScore[slot] = value;
        s.clauseTitled[slot] = titled ? 1 : 0;
        s.inClause[m++] = slot;
      } else {
        if (value > s.clauseScore[slot]!) s.clauseScore[slot] = value;
        if (titled) s.clauseTitled[slot] = 1;
      }
    };
    for (const alt of ctx.alts) {
      const ps = alt.postings;
      if (ps.length === 1) {
        const p = ps[0]!;
        const factor = alt.weight * alt.idfs[0]!;
        const slots = p.slots;
        const tfs = p.tfs;
        const impacts = this.impacts(p);
        for (let i = 0; i < p.n; i += 1) {
          const slot = slots[i]!;
          if (s.alive[slot] !== 1) continue;
          const packed = tfs[i]!;
          const value = factor * impacts[i]!;
          const titled = (packed & 0xff) > 0;
          if (s.clauseStamp[slot] !== ce) {
            s.clauseStamp[slot] = ce;
            s.clauseScore[slot] = value;
            s.clauseTitled[slot] = titled ? 1 : 0;
            s.inClause[m++] = slot;
          } else {
            if (value > s.clauseScore[slot]!) s.clauseScore[slot] = value;
            if (titled) s.clauseTitled[slot] = 1;
          }
        }
        continue;
      }
      // All words of the alternative: walk the rarest; the others' lists are walked alongside
      // (slots ascend in every list), each cursor galloping forward, never back.
      let rare = 0;
      for (let k = 1; k < ps.length; k += 1) if (ps[k]!.n < ps[rare]!.n) rare = k;
      const r = ps[rare]!;
      const impacts = ps.map((p) => this.impacts(p));
      const at = new Int32Array(ps.length);
      const damp = ps.length === 1 ? 1 : Math.sqrt(ps.length);
      walk: for (let i = 0; i < r.n; i += 1) {
        const slot = r.slots[i]!;
        if (s.alive[slot] !== 1) continue;
        let sum = alt.idfs[rare]! * impacts[rare]![i]!;
        let titled = (r.tfs[i]! & 0xff) > 0;
        for (let k = 0; k < ps.length; k += 1) {
          if (k === rare) continue;
          const p = ps[k]!;
          const j = gallop(p.slots, p.n, at[k]!, slot);
          at[k] = j;
          if (j >= p.n) break walk;
          if (p.slots[j] !== slot) continue walk;
          sum += alt.idfs[k]! * impacts[k]![j]!;
          if ((p.tfs[j]! & 0xff) === 0) titled = false;
        }
        credit(slot, (alt.weight * sum) / damp, titled);
      }
    }
    // A quoted part has no fallback: it must appear as typed (the caller checks that on the text).
    if (m === 0 && !ctx.clause.phrase) this.fallback(ctx.clause, credit);
    if (ctx.keepScan) {
      const slots = s.inClause.slice(0, m);
      const scores = new Float64Array(m);
      const titled = new Uint8Array(m);
      for (let i = 0; i < m; i += 1) {
        scores[i] = s.clauseScore[slots[i]!]!;
        titled[i] = s.clauseTitled[slots[i]!]!;
      }
      ctx.scanned = { slots, scores, titled };
    }
    return m;
  }

  /** A clause at the candidates only (each looked up in the postings): cheaper when they are few. */
  private evalAt(ctx: ClauseContext, cands: Int32Array, nc: number): number {
    const s = this.slots;
    // Candidates in slot order, so each posting list is walked forward once (galloping).
    const sorted = cands.subarray(0, nc).sort();
    const cursors = ctx.alts.map((a) => new Int32Array(a.postings.length));
    const impacts = ctx.alts.map((a) => a.postings.map((p) => this.impacts(p)));
    let m = 0;
    for (let i = 0; i < nc; i += 1) {
      const slot = sorted[i]!;
      let best = -1;
      let titled = false;
      for (let a = 0; a < ctx.alts.length; a += 1) {
        const alt = ctx.alts[a]!;
        const at = cursors[a]!;
        let sum = 0;
        let allTitled = true;
        let met = true;
        for (let k = 0; k < alt.postings.length; k += 1) {
          const p = alt.postings[k]!;
          const j = gallop(p.slots, p.n, at[k]!, slot);
          at[k] = j;
          if (j >= p.n || p.slots[j] !== slot) {
            met = false;
            break;
          }
          sum += alt.idfs[k]! * impacts[a]![k]![j]!;
          if ((p.tfs[j]! & 0xff) === 0) allTitled = false;
        }
        if (!met) continue;
        const value = alt.postings.length === 1 ? alt.weight * sum : (alt.weight * sum) / Math.sqrt(alt.postings.length);
        if (value > best) best = value;
        if (allTitled) titled = true;
      }
      if (best < 0) continue;
      s.clauseScore[slot] = best;
      s.clauseTitled[slot] = titled ? 1 : 0;
      s.inClause[m++] = slot;
    }
    // A clause whose words exist somewhere but not at the candidates simply fails here, as over
    // its postings; only a clause no word of which exists falls back on titles (as evalScan does).
    if (m === 0 && ctx.alts.length === 0 && !ctx.clause.phrase) return this.evalScan(ctx);
    return m;
  }

  /** The list's impacts (see Posting.impacts), worked out for entries not yet done or after the norms changed. */
  private impacts(p: Posting): Float32Array {
    if (p.impactsEpoch !== this.normsEpoch) {
      p.impactsEpoch = this.normsEpoch;
      p.impactsDone = 0;
    }
    if (p.impactsDone < p.n) {
      if (!p.impacts || p.impacts.length < p.n) {
        const grown = new Float32Array(p.slots.length);
        if (p.impacts) grown.set(p.impacts.subarray(0, p.impactsDone));
        p.impacts = grown;
      }
      const { slots, tfs, impacts } = p;
      for (let i = p.impactsDone; i < p.n; i += 1) impacts[i] = this.saturate(slots[i]!, tfs[i]!);
      p.impactsDone = p.n;
    }
    return p.impacts!;
  }

  /** BM25F's saturated frequency of a word at a slot, from its packed per-field counts. */
  private saturate(slot: number, packed: number): number {
    const s = this.slots;
    // Halves: a whole word was counted two (see `put`).
    const tfn = ((packed & 0xff) * W_TITLE) / s.normTitle[slot]! + (((packed >>> 8) & 0xff) * W_SUMMARY) / s.normSummary[slot]! + (((packed >>> 16) & 0xff) * W_BODY) / s.normBody[slot]!;
    return (tfn * (K1 + 1)) / (K1 + tfn);
  }

  /** Length norms use the average lengths; recomputed for every slot when those drift by a twentieth. */
  private refreshNorms(): void {
    const n = Math.max(1, this.live);
    const avg = [Math.max(1, this.sumTitle / n), Math.max(1, this.sumSummary / n), Math.max(1, this.sumBody / n)] as const;
    const drift = (a: number, b: number): boolean => Math.abs(a - b) > b * 0.05;
    if (this.normsFor && !drift(avg[0], this.normsFor[0]) && !drift(avg[1], this.normsFor[1]) && !drift(avg[2], this.normsFor[2]) && this.normedUpTo === this.used) return;
    const s = this.slots;
    const from = this.normsFor && !drift(avg[0], this.normsFor[0]) && !drift(avg[1], this.normsFor[1]) && !drift(avg[2], this.normsFor[2]) ? this.normedUpTo : 0;
    const base = from === 0 ? avg : this.normsFor!;
    for (let slot = from; slot < this.used; slot += 1) {
      s.normTitle[slot] = 1 - FIELD_B.title + (FIELD_B.title * s.lenTitle[slot]!) / base[0];
      s.normSummary[slot] = 1 - FIELD_B.summary + (FIELD_B.summary * s.lenSummary[slot]!) / base[1];
      s.normBody[slot] = 1 - FIELD_B.body + (FIELD_B.body * s.lenBody[slot]!) / base[2];
    }
    if (from === 0) {
      this.normsFor = avg;
      // Every list's impacts were worked out with the old norms.
      this.normsEpoch += 1;
    }
    this.normedUpTo = this.used;
  }

  private normsEpoch = 0;
  private normsFor: readonly [number, number, number] | null = null;
  private normedUpTo = 0;

  private nextEpoch(): void {
    this.epoch += 1;
    if (this.epoch === 0xffffffff) {
      this.slots.stamp.fill(0);
      this.epoch = 1;
    }
  }

  /**
   * A part that matched no word at all (a typo, a word jieba cut differently, one character):
   * documents whose title holds most of the part's character pairs, or the character itself.
   */
  private fallback(clause: Clause, credit: (slot: number, value: number, titled: boolean) => void): void {
    const s = this.slots;
    // The whole part as typed: a typo inside 中考成积 leaves 中考 / 考成 to match 中考成绩.
    const text = (clause.partText.length > clause.text.length ? clause.partText : clause.text).replace(/[^\p{L}\p{N}]/gu, '');
    const chars = [...text];
    if (chars.length === 1) {
      // One character: titles holding it (a scan, newest slots first, capped).
      let seen = 0;
      for (let slot = this.used - 1; slot >= 0 && seen < 5000; slot -= 1) {
        if (s.alive[slot] !== 1) continue;
        seen += 1;
        if (s.foldedTitle[slot]!.includes(text)) credit(slot, 0.5, true);
      }
      return;
    }
    // One wrong character (助学货款 for 助学贷款): titles matching the part with any one character
    // free, found through the rarest pair that does not touch that character.
    if (chars.length >= 3) {
      for (let i = 0; i < chars.length; i += 1) {
        let rarest: Posting | undefined;
        let missing = false;
        for (let j = 0; j + 1 < chars.length; j += 1) {
          if (j === i || j + 1 === i) continue;
          const p = this.grams.get(chars[j]! + chars[j + 1]!);
          if (!p) missing = true;
          else if (!rarest || p.n < rarest.n) rarest = p;
        }
        if (!rarest || missing) continue;
        const before = chars.slice(0, i).join('');
        const after = chars.slice(i + 1).join('');
        const pattern = new RegExp(`${escapeRegExp(before)}[\\p{L}\\p{N}]${escapeRegExp(after)}`, 'u');
        for (let k = 0; k < rarest.n; k += 1) {
          const slot = rarest.slots[k]!;
          if (s.alive[slot] !== 1) continue;
          const title = s.foldedTitle[slot]!;
          // Most titles holding the pair lack the other side: a substring check rules them out before the pattern runs.
          if (title.includes(before) && title.includes(after) && pattern.test(title)) credit(slot, 0.7, true);
        }
      }
    }
    const grams = characterPairs(text);
    if (grams.length === 1) {
      // Two characters jieba cut otherwise: titles holding them side by side.
      const p = this.grams.get(grams[0]!);
      for (let k = 0; p && k < p.n; k += 1) if (s.alive[p.slots[k]!] === 1) credit(p.slots[k]!, 0.6, true);
      return;
    }
    if (grams.length < 2) return;
    const need = Math.max(2, Math.ceil(grams.length * 0.6));
    const postings = grams.map((g) => this.grams.get(g)).filter((p) => p !== undefined);
    // No title can hold enough of the pairs when the index lacks that many of them.
    if (postings.length < need) return;
    const hits = new Map<number, number>();
    for (const p of postings) {
      for (let i = 0; i < p.n; i += 1) {
        const slot = p.slots[i]!;
        if (s.alive[slot] === 1) hits.set(slot, (hits.get(slot) ?? 0) + 1);
      }
    }
    for (const [slot, matched] of hits) {
      if (matched >= need) credit(slot, (0.6 * matched) / grams.length, false);
    }
  }

  /** Recency, the year and the topic the query names, the enrollment season (per candidate: only reads of typed columns). */
  private boost(slot: number, opts: RankOptions, decay: number): number {
    const s = this.slots;
    let factor = 1;
    // Freshness matters for notices: a year-old notice weighs about a sixth less than today's.
    // `recency` is 2^(age of the epoch in years) per slot, so no power is taken per document.
    factor *= 1 + 0.8 * Math.min(1, s.recency[slot]! * decay);
    if (opts.year !== null) factor *= s.titleYear[slot] === opts.year ? 2 : s.year[slot] === opts.year ? 1.4 : 0.7;
    if (opts.topics.size > 0 && s.topics[slot]!.some((t) => opts.topics.has(t))) factor *= 1.4;
    if (opts.seasonYear !== null) factor *= s.year[slot] === opts.seasonYear ? 1.5 : 0.85;
    if (s.kind[slot] === KIND_CODE.qa) factor *= 0.8;
    return factor;
  }

  /**
   * The best `keep` candidates in order: score, then newer, then the higher id (a bounded heap).
   * With `boost`, each candidate's final score is `boost.final(slot)` (stored in `score`), computed
   * only when its score times `boost.most` could still beat the worst kept.
   */
  private best(candidates: Int32Array, keep: number, boost?: { final: (slot: number) => number; most: number }): RankedList['hits'] {
    const s = this.slots;
    const better = (a: number, b: number): boolean => {
      const d = s.score[a]! - s.score[b]!;
      if (d !== 0) return d > 0;
      const t = s.publishedAt[a]! - s.publishedAt[b]!;
      if (t !== 0) return t > 0;
      return a > b;
    };
    // Min-heap of the best `keep` so far: its root is the worst of them.
    const heap: number[] = [];
    const up = (i: number): void => {
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent]!, heap[i]!)) break;
        // A swap through a local: the destructuring form allocated an array per swap (most of a search's garbage).
        const t = heap[parent]!;
        heap[parent] = heap[i]!;
        heap[i] = t;
        i = parent;
      }
    };
    const down = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let worst = i;
        if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
        if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
        if (worst === i) return;
        const t = heap[worst]!;
        heap[worst] = heap[i]!;
        heap[i] = t;
        i = worst;
      }
    };
    // Newest first: recency weighs in the boost, so the worst kept rises early and more
    // candidates are skipped (the order kept is the same: `better` orders every pair).
    for (let i = candidates.length - 1; i >= 0; i -= 1) {
      const slot = candidates[i]!;
      if (boost) {
        if (heap.length >= keep && s.score[slot]! * boost.most < s.score[heap[0]!]!) continue;
        s.score[slot] = boost.final(slot);
      }
      if (heap.length < keep) {
        heap.push(slot);
        up(heap.length - 1);
      } else if (better(slot, heap[0]!)) {
        heap[0] = slot;
        down(0);
      }
    }
    heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
    return heap.map((slot) => ({ kind: KINDS[s.kind[slot]!]!, id: s.id[slot]!, slot }));
  }

  /**
   * Titles holding `folded` (a suggestion while typing): titles that begin with it first, then the
   * newest. Looked up through the title pairs; one character scans the newest titles.
   */
  titlesContaining(folded: string, limit: number): { kind: DocKind; id: number; title: string }[] {
    const s = this.slots;
    const text = folded.replace(/\s+/gu, '');
    if (!text) return [];
    const found: number[] = [];
    const grams = characterPairs(text);
    if (grams.length === 0) {
      for (let slot = this.used - 1; slot >= 0 && found.length < 200; slot -= 1) if (s.alive[slot] === 1 && s.foldedTitle[slot]!.includes(text)) found.push(slot);
    } else {
      let rarest: Posting | undefined;
      for (const g of grams) {
        const p = this.grams.get(g);
        if (!p) return [];
        if (!rarest || p.n < rarest.n) rarest = p;
      }
      for (let i = rarest!.n - 1; i >= 0 && found.length < 200; i -= 1) {
        const slot = rarest!.slots[i]!;
        if (s.alive[slot] === 1 && s.kind[slot] !== KIND_CODE.qa && s.foldedTitle[slot]!.includes(text)) found.push(slot);
      }
    }
    found.sort((a, b) => Number(s.foldedTitle[b]!.startsWith(text)) - Number(s.foldedTitle[a]!.startsWith(text)) || s.publishedAt[b]! - s.publishedAt[a]!);
    return found.slice(0, limit).map((slot) => ({ kind: KINDS[s.kind[slot]!]!, id: s.id[slot]!, title: s.title[slot]! }));
  }
}

function docKey(kind: DocKind, id: number): string {
  return `${kind === 'qa' ? 'qa' : 'notice'}:${id}`;
}

/**
 * What evaluating a clause at `nc` candidates costs, in postings-read units: sorting them, and per
 * candidate a gallop in each list over about list length / nc entries.
 */
function probeCost(ctx: ClauseContext, nc: number): number {
  // Measured: a gallop step and a sort step cost about a quarter of a scanned posting (which is scored).
  let perCandidate = Math.log2(nc + 1) / 4;
  for (const alt of ctx.alts) for (const p of alt.postings) perCandidate += (1 + Math.log2(p.n / nc + 1)) / 4;
  return nc * perCandidate;
}

/** The first index from `from` whose slot is ≥ `slot` (n when none): steps doubling, then a binary search. */
function gallop(slots: Int32Array, n: number, from: number, slot: number): number {
  if (from >= n || slots[from]! >= slot) return from;
  let step = 1;
  let lo = from;
  let hi = from + 1;
  while (hi < n && slots[hi]! < slot) {
    lo = hi;
    step *= 2;
    hi = from + step;
  }
  if (hi > n) hi = n;
  // slots[lo] < slot; slots[hi] ≥ slot (or hi = n).
  while (lo + 1 < hi) {
    const mid = (lo + hi) >>> 1;
    if (slots[mid]! < slot) lo = mid;
    else hi = mid;
  }
  return hi;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
