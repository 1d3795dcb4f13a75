import {
  ZONING_STAGE_LABELS,
  ZONING_STAGES,
  type ZoningApplicant,
  type ZoningCandidate,
  type ZoningLookupResult,
  type ZoningOption,
  type ZoningPlaceOption,
  type ZoningPlacement,
  type ZoningSchoolView,
  type ZoningStage,
} from '@gongkai/shared';
import type { ZoningRuleRow, ZoningTableData } from '../zoning-data';
import { numberRangeText, placeLabel, ruleLabel, scanNumbers, type NumberToken } from './address-parts';
import { NameFinder, type ExactHit, type GuessHit } from './name-finder';
import { cutQuery, normalizeText } from './normalize';

/** What a parent asked: free text, or the cascade's choices (plus a number), optionally whose child. */
export interface ZoningQuery {
  q?: string;
  town?: string;
  village?: string;
  compound?: string;
  number?: number;
  building?: number;
  applicant?: ZoningApplicant;
}

/** The lookup's answer before the service adds the year and the notice. */
export type ZoningMatch = Omit<ZoningLookupResult, 'year' | 'notice'>;

/* ---------- the prepared table ---------- */

interface RuleRec {
  row: ZoningRuleRow;
  stage: ZoningStage;
  townKey: string;
  villageKey: string;
  applicant: ZoningApplicant;
  condition: string | null;
  numberSplit: boolean;
  buildingSplit: boolean;
}

interface TownInfo {
  key: string;
  name: string;
  /** Rules with neither 社区村 nor 小区道路. */
  whole: RuleRec[];
  villages: Map<string, VillageInfo>;
  places: Map<string, PlaceInfo>;
}

interface VillageInfo {
  key: string;
  name: string;
  town: TownInfo;
  /** Rules with the village and no 小区道路. */
  whole: RuleRec[];
  /** Compounds and roads listed under the village: normalised → table's spelling. */
  compounds: Map<string, string>;
}

/** A compound or road of a town (its rules may sit under several 社区 / 村: a road crosses them). */
interface PlaceInfo {
  key: string;
  name: string;
  town: TownInfo;
  rules: RuleRec[];
  /** True when some rule names no village (the cascade lists it at the town's level). */
  loose: boolean;
  /** Derived once the table is read (lookups ask for them on every address that names the place): */
  /** the 社区 / 村 its rules name, in the table's order; */
  villages: VillageInfo[];
  /** whether some rule splits it by house number, or by building. */
  numberSplit: boolean;
  buildingSplit: boolean;
}

interface NameEntry {
  towns: TownInfo[];
  villages: VillageInfo[];
  places: PlaceInfo[];
}

/* ---------- one lookup ---------- */

type Reason = 'number' | 'building' | 'overlap' | 'village';

type Outcome =
  | { kind: 'empty' }
  | { kind: 'matched'; rule: RuleRec }
  | { kind: 'ambiguous'; reason: Reason; candidates: ZoningCandidate[] }
  | { kind: 'none'; ranges: RuleRec[] };

interface Scope {
  /** The compound's or road's rules (narrowed to a village mentioned); null above that level. */
  rules: RuleRec[] | null;
  villages: VillageInfo[];
  town: TownInfo;
  number: number | null;
  building: number | null;
}

interface Case {
  applicant: ZoningApplicant;
  condition: string | null;
  primary: Outcome;
  junior: Outcome;
}

/** Where the text pointed: one level, possibly several places of the same name (then ambiguous). */
type Resolved =
  | { level: 'compound'; places: PlaceInfo[]; villages: VillageInfo[] }
  | { level: 'village'; villages: VillageInfo[] }
  | { level: 'town'; towns: TownInfo[] };

interface Reading {
  resolved: Resolved | null;
  /** The name used when it was guessed (a typo corrected, a beginning completed). */
  guessed: string | null;
  /** Several guesses fit equally: the candidates. */
  guesses: Resolved[] | null;
  /** Something was assumed (a town that did not fit, a house number read as a building). */
  assumed: boolean;
  number: number | null;
  building: number | null;
  /** Text that leaves the answer in doubt (another county, a phase the table lacks, …): never certain. */
  flags?: ReadFlags;
  /** Places named together that lead to different schools: the answer is a choice between them. */
  conflict?: { candidates: ZoningCandidate[]; advice: string };
}

/** Why a reading found exactly is still not certain (each adds a note to the advice). */
interface ReadFlags {
  /** The last 省/市/县/区 word of the text, when it is not one of the county's own names. */
  foreign?: string;
  /** An unexplained phase or section (2期, 东区) next to the place. */
  leftover?: string;
  /** Two house (or building) numbers, or an old and a current name with different numbers. */
  numbers?: boolean;
  /** A 社区 / 村 mentioned that the table does not put the place in. */
  village?: { said: string; real: string[]; place: string };
}

/** Options of an index: the county's own names (昌乐县, 潍坊市, 山东省) keep an address that names them local. */
export interface ZoningIndexOptions {
  homeNames?: readonly string[];
}

type Numbers = { number: number | null; building: number | null; assumed: boolean; extra: boolean };

const MAX_CANDIDATES = 20;
const MAX_TEXT = 200;
const MISS_TEXT_MAX = 60;
const CALL = '请致电县教育局咨询';
const ROAD_ENDS = ['路', '街', '道', '巷', '弄', '胡同', '大道', '大街', '线'];

const EMPTY: Outcome = { kind: 'empty' };
const sep = '\u0001';
const byName = (a: string, b: string): number => a.localeCompare(b, 'zh-Hans-CN');
const clean = (s: unknown): string => (typeof s === 'string' ? s.trim() : '');
const validNumber = (n: unknown): number | null => (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 99_999 ? n : null);

function coversNumber(r: ZoningRuleRow, n: number): boolean {
  if (r.from !== null && n < r.from) return false;
  if (r.to !== null && n > r.to) return false;
  if (r.parity === 'odd') return n % 2 === 1;
  if (r.parity === 'even') return n % 2 === 0;
  return true;
}

function coversBuilding(r: ZoningRuleRow, b: number): boolean {
  return (r.buildingFrom === null || b >= r.buildingFrom) && (r.buildingTo === null || b <= r.buildingTo);
}

function uniqueBy<T>(items: readonly T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((t) => {
    const k = key(t);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * A year's table prepared for lookups: pure and in memory, built once per table in effect, then
 * every lookup is a few map reads. How it decides is the contract in the README (学区查询).
 */
export class ZoningIndex {
  private readonly schools = new Map<string, ZoningSchoolView>();
  private readonly towns = new Map<string, TownInfo>();
  private readonly names = new Map<string, NameEntry>();
  /** Staff aliases (简称、曾用名): normalised alias → normalised standard name. */
  private readonly aliasOf = new Map<string, string>();
  private readonly finder: NameFinder;
  private readonly townOptions: ZoningPlaceOption[];
  /** The candidates under a town or village, sorted once (the table never changes). */
  private readonly belowCache = new Map<string, ZoningCandidate[]>();

  /** The county's own area names: given, plus those the schools' addresses and names start with (昌乐县…). */
  private readonly homeNames: string[];

  constructor(readonly data: ZoningTableData, options: ZoningIndexOptions = {}) {
    for (const s of data.schools) {
      this.schools.set(s.name.trim(), { name: s.name.trim(), kind: s.kind, ownership: s.ownership, address: s.address, phone: s.phone, ...(s.location ? { location: { ...s.location } } : {}) });
    }
    for (const row of data.rules) this.addRule(row);
    for (const town of this.towns.values()) for (const place of town.places.values()) this.derive(place);
    for (const town of this.towns.values()) {
      this.entry(town.key).towns.push(town);
      for (const v of town.villages.values()) this.entry(v.key.split(sep)[1]!).villages.push(v);
      for (const p of town.places.values()) this.entry(p.key.split(sep)[1]!).places.push(p);
    }
    for (const a of data.aliases) {
      const alias = normalizeText(clean(a.alias));
      const name = normalizeText(clean(a.name));
      const target = this.names.get(name);
      if (!alias || alias === name || !target) continue;
      const entry = this.entry(alias);
      entry.towns = uniqueBy([...entry.towns, ...target.towns], (t) => t.key);
      entry.villages = uniqueBy([...entry.villages, ...target.villages], (v) => v.key);
      entry.places = uniqueBy([...entry.places, ...target.places], (p) => p.key);
      this.aliasOf.set(alias, name);
    }
    this.finder = new NameFinder(this.names.keys());
    const home = new Set((options.homeNames ?? []).map((n) => normalizeText(clean(n))).filter(Boolean));
    for (const s of data.schools) for (const t of [s.address, s.name]) for (const w of this.leadingAreas(normalizeText(clean(t)))) home.add(w);
    this.homeNames = [...home];
    this.townOptions = [...this.towns.values()]
      .filter((t) => t.key !== '')
      .map((t) => ({ level: 'town' as const, name: t.name, answers: this.areaAnswers(t, null), needsNumber: false }))
      .sort((a, b) => byName(a.name, b.name));
  }

  private entry(key: string): NameEntry {
    let e = this.names.get(key);
    if (!e) {
      e = { towns: [], villages: [], places: [] };
      this.names.set(key, e);
    }
    return e;
  }

  private addRule(row: ZoningRuleRow): void {
    const townName = clean(row.town);
    const villageName = clean(row.village);
    const compoundName = clean(row.compound);
    const townKey = normalizeText(townName);
    const villageKey = normalizeText(villageName);
    const compoundKey = normalizeText(compoundName);
    let town = this.towns.get(townKey);
    if (!town) {
      town = { key: townKey, name: townName, whole: [], villages: new Map(), places: new Map() };
      this.towns.set(townKey, town);
    }
    const rec: RuleRec = {
      row,
      stage: row.stage,
      townKey,
      villageKey,
      applicant: row.applicant,
      condition: clean(row.condition) || null,
      numberSplit: row.from !== null || row.to !== null || row.parity !== 'all',
      buildingSplit: row.buildingFrom !== null || row.buildingTo !== null,
    };
    let village: VillageInfo | undefined;
    if (villageKey) {
      village = town.villages.get(villageKey);
      if (!village) {
        village = { key: townKey + sep + villageKey, name: villageName, town, whole: [], compounds: new Map() };
        town.villages.set(villageKey, village);
      }
    }
    if (!compoundKey) {
      (village ? village.whole : town.whole).push(rec);
      return;
    }
    let place = town.places.get(compoundKey);
    if (!place) {
      place = { key: townKey + sep + compoundKey, name: compoundName, town, rules: [], loose: false, villages: [], numberSplit: false, buildingSplit: false };
      town.places.set(compoundKey, place);
    }
    place.rules.push(rec);
    if (village) {
      if (!village.compounds.has(compoundKey)) village.compounds.set(compoundKey, compoundName);
    } else {
      place.loose = true;
    }
  }

  private derive(place: PlaceInfo): void {
    const rules = place.rules;
    place.villages = uniqueBy(rules.filter((r) => r.villageKey !== ''), (r) => r.villageKey).map((r) => place.town.villages.get(r.villageKey)!);
    place.numberSplit = rules.some((r) => r.numberSplit);
    place.buildingSplit = rules.some((r) => r.buildingSplit);
  }

  /* ---------- the cascade ---------- */

  /** The cascade's next level under `town` / `village` (none given: the towns). */
  places(town?: string, village?: string): ZoningPlaceOption[] {
    const townKey = normalizeText(cutQuery(town));
    if (!townKey) return this.townOptions.map((o) => ({ ...o }));
    const t = this.towns.get(townKey);
    if (!t) return [];
    const villageKey = normalizeText(cutQuery(village));
    if (!villageKey) {
      const villages = [...t.villages.values()]
        .map((v) => ({ level: 'village' as const, name: v.name, answers: this.areaAnswers(t, v), needsNumber: false }))
        .sort((a, b) => byName(a.name, b.name));
      const roads = [...t.places.values()]
        .filter((p) => p.loose)
        .map((p) => this.compoundOption(p.name, p.rules))
        .sort((a, b) => byName(a.name, b.name));
      return [...villages, ...roads];
    }
    const v = t.villages.get(villageKey);
    if (!v) return [];
    return [...v.compounds]
      .map(([key, name]) => this.compoundOption(name, t.places.get(key)!.rules.filter((r) => r.villageKey === villageKey || r.villageKey === '')))
      .sort((a, b) => byName(a.name, b.name));
  }

  private compoundOption(name: string, rules: RuleRec[]): ZoningPlaceOption {
    // Split when, within one stage / applicant / condition, the numbers or buildings lead to different schools.
    const groups = new Map<string, Set<string>>();
    for (const r of rules) {
      if (!r.numberSplit && !r.buildingSplit) continue;
      const k = `${r.stage}|${r.applicant}|${r.condition ?? ''}`;
      const schools = groups.get(k) ?? new Set<string>();
      schools.add(r.row.school.trim());
      groups.set(k, schools);
    }
    const needsNumber = [...groups.values()].some((s) => s.size > 1);
    return { level: 'compound', name, answers: !needsNumber, needsNumber };
  }

  /** A town (village null) or village answers alone when every stage its area has rules for is covered whole. */
  private areaAnswers(town: TownInfo, village: VillageInfo | null): boolean {
    const stages = new Set<ZoningStage>();
    const covered = new Set<ZoningStage>();
    // Covered means for everyone: a 随迁子女-only or 房户一致 rule does not answer the others.
    const general = (r: RuleRec) => r.applicant === 'all' && r.condition === null;
    for (const r of town.whole) {
      stages.add(r.stage);
      if (general(r)) covered.add(r.stage);
    }
    const villages = village ? [village] : [...town.villages.values()];
    for (const v of villages) {
      for (const r of v.whole) {
        stages.add(r.stage);
        if (village && general(r)) covered.add(r.stage);
      }
    }
    for (const p of town.places.values()) {
      for (const r of p.rules) if (!village || village.key === town.key + sep + r.villageKey) stages.add(r.stage);
    }
    if (!stages.size || ![...stages].every((s) => covered.has(s))) return false;
    // Parts of the area that go elsewhere: choosing the area alone would not be enough.
    const answer = (s: ZoningStage) => ((village?.whole ?? []).find((r) => r.stage === s && general(r)) ?? town.whole.find((r) => r.stage === s && general(r)))!;
    return [...stages].every((s) => !this.otherSchoolBelow(town, village, s, answer(s).row.school.trim()));
  }

  /* ---------- the text kept of a miss ---------- */

  /** The text kept of a query that found nothing: normalised, house number kept, rooms and units dropped. */
  missText(query: ZoningQuery): string | null {
    try {
      const q = cutQuery(query?.q);
      let text: string;
      if (q) {
        const norm = normalizeText(q).slice(0, MAX_TEXT);
        text = '';
        let at = 0;
        for (const t of scanNumbers(norm)) {
          text += norm.slice(at, t.start);
          if (t.kind === 'house') text += `${t.value}号`;
          else if (t.kind === 'building') text += `${t.value}栋`;
          else if (t.kind === 'bare') text += String(t.value);
          at = t.end;
        }
        text += norm.slice(at);
      } else {
        text = normalizeText([query?.town, query?.village, query?.compound].map((s) => cutQuery(s)).join(''));
        const number = validNumber(query?.number);
        const building = validNumber(query?.building);
        if (text && number !== null) text += `${number}号`;
        if (text && building !== null) text += `${building}栋`;
      }
      if (!text) return null;
      return Array.from(text).slice(0, MISS_TEXT_MAX).join('');
    } catch {
      return null;
    }
  }

  /* ---------- the lookup ---------- */

  lookup(query: ZoningQuery): ZoningMatch {
    try {
      return this.answer(query ?? {});
    } catch {
      // The index is total by design; a bug must still not turn a parent's question into a 500.
      return { status: 'none', understood: null, certain: false, advice: `未能查询该地址，${CALL}` };
    }
  }

  private answer(query: ZoningQuery): ZoningMatch {
    const applicant = query.applicant === 'local' || query.applicant === 'migrant' ? query.applicant : null;
    const reading = this.read(query, applicant);
    if (reading.guesses) return this.ambiguousGuess(reading.guesses);
    if (reading.conflict) return { status: 'ambiguous', understood: null, certain: false, candidates: reading.conflict.candidates, advice: reading.conflict.advice };
    if (!reading.resolved) {
      return {
        status: 'none',
        understood: null,
        certain: false,
        advice: `未能识别该地址，请检查镇街、社区（村）、小区或道路名称是否正确，或使用逐级选择查询；仍查不到的，${CALL}`,
      };
    }
    return this.answerResolved(reading, reading.resolved, applicant);
  }

  /** Reads the query: the place (cascade or text) and its numbers. */
  private read(query: ZoningQuery, applicant: ZoningApplicant | null = null): Reading {
    const townKey = normalizeText(cutQuery(query.town));
    const text = normalizeText(cutQuery(query.q)).slice(0, MAX_TEXT);
    const givenNumber = validNumber(query.number);
    const givenBuilding = validNumber(query.building);
    const town = townKey ? this.towns.get(townKey) : undefined;
    if (town) {
      // The cascade: exact names as `places` listed them.
      const villageKey = normalizeText(cutQuery(query.village));
      const compoundKey = normalizeText(cutQuery(query.compound));
      const village = villageKey ? town.villages.get(villageKey) : undefined;
      const place = compoundKey ? town.places.get(compoundKey) : undefined;
      const fromText = text ? this.numbersOf(text, scanNumbers(text), [], 0, place ?? null) : { number: null, building: null, assumed: false };
      const base = { guessed: null, guesses: null, assumed: fromText.assumed, number: givenNumber ?? fromText.number, building: givenBuilding ?? fromText.building };
      if (place && village && !village.compounds.has(compoundKey) && place.villages.length > 0) {
        // A 社区 / 村 the table does not put the compound in: which one is meant is not ours to guess.
        const candidates = place.villages.map((v) => {
          return { label: placeLabel(town.name, v.name, place.name), town: town.name, village: v.name, compound: place.name, hint: '请选择小区或道路' };
        });
        return { ...base, resolved: null, conflict: { candidates, advice: `划片表中「${place.name}」不在${village.name}，请从下列地点中重新选择，或${CALL}` } };
      }
      if (place && (!villageKey || village)) return { ...base, resolved: { level: 'compound', places: [place], villages: village ? [village] : [] } };
      if (!compoundKey && village) return { ...base, resolved: { level: 'village', villages: [village] } };
      if (!compoundKey && !villageKey) return { ...base, resolved: { level: 'town', towns: [town] } };
    }
    // Free text (or cascade names that are not in the table: read them as text).
    const asText = text || normalizeText([query.town, query.village, query.compound].map((s) => cutQuery(s)).join(''));
    const reading = this.readText(asText, applicant);
    if (givenNumber !== null) reading.number = givenNumber;
    if (givenBuilding !== null) reading.building = givenBuilding;
    return reading;
  }

  private readText(text: string, applicant: ZoningApplicant | null = null): Reading {
    const none: Reading = { resolved: null, guessed: null, guesses: null, assumed: false, number: null, building: null };
    if (!text) return none;
    // 1. Exact names, longest first, not overlapping.
    const chosen: ExactHit[] = [];
    const hits = this.finder.exact(text).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    for (const h of hits) if (!chosen.some((c) => h.start < c.end && c.start < h.end)) chosen.push(h);
    chosen.sort((a, b) => a.start - b.start);
    const tokens = scanNumbers(text).filter((t) => !chosen.some((c) => t.start < c.end && c.start < t.end));

    const mentionedTowns = new Set<string>();
    const mentionedVillages: VillageInfo[] = [];
    for (const h of chosen) {
      const e = this.names.get(h.name)!;
      for (const t of e.towns) mentionedTowns.add(t.key);
    }
    for (const h of chosen) {
      const e = this.names.get(h.name)!;
      const vs = mentionedTowns.size ? e.villages.filter((v) => mentionedTowns.has(v.town.key)) : e.villages;
      if (vs.length === 1 || (vs.length > 0 && e.places.length === 0)) mentionedVillages.push(...vs);
    }
    const context: Context = { towns: mentionedTowns, villages: mentionedVillages };

    // 2. The most specific level found exactly: the rightmost compound / road that fits the towns mentioned.
    let resolved: Resolved | null = null;
    let assumed = false;
    let placeEnd = 0;
    let placeHit: PlaceInfo | null = null;
    let preset: Numbers | null = null;
    const flags: ReadFlags = {};
    const compoundHits = chosen.filter((h) => this.names.get(h.name)!.places.length > 0);
    if (compoundHits.length) {
      const pick = this.pickPlace(text, compoundHits, chosen, tokens, context, applicant);
      if ('conflict' in pick) return { ...none, conflict: pick.conflict };
      const { hit, narrowed } = pick;
      assumed = !narrowed.fits;
      placeEnd = hit.end;
      placeHit = narrowed.places.length === 1 ? narrowed.places[0]! : null;
      preset = pick.numbers;
      if (pick.clash) flags.numbers = true;
      let villages = mentionedVillages;
      if (placeHit) {
        // 北岩社区新昌花园: the table puts 新昌花园 in 方山社区; say so, and answer by the table's 社区.
        const own = placeHit;
        const real = own.villages;
        const said = mentionedVillages.filter((v) => v.town === own.town);
        if (real.length && said.length && !said.some((v) => real.includes(v))) {
          flags.village = { said: said[0]!.name, real: real.map((v) => v.name), place: own.name };
          villages = mentionedVillages.filter((v) => !said.includes(v));
        }
      }
      resolved = { level: 'compound', places: narrowed.places, villages };
    } else {
      const villageHits = chosen.filter((h) => this.names.get(h.name)!.villages.length > 0);
      if (villageHits.length) {
        const hit = villageHits[villageHits.length - 1]!;
        const all = this.names.get(hit.name)!.villages;
        const inTown = all.filter((v) => mentionedTowns.has(v.town.key));
        resolved = { level: 'village', villages: inTown.length ? inTown : all };
        assumed = mentionedTowns.size > 0 && !inTown.length;
        placeEnd = hit.end;
      } else {
        const townHits = chosen.filter((h) => this.names.get(h.name)!.towns.length > 0);
        if (townHits.length) {
          const hit = townHits[townHits.length - 1]!;
          resolved = { level: 'town', towns: this.names.get(hit.name)!.towns };
          placeEnd = hit.end;
        }
      }
    }

    // 3. Nothing exact at the compound level: guess from what no name or number explains.
    let guessed: string | null = null;
    if (!resolved || resolved.level !== 'compound') {
      const guess = this.guess(text, chosen, tokens, context, resolved);
      if (guess && guess.resolutions.length === 1) {
        resolved = guess.resolutions[0]!;
        guessed = guess.name;
        placeEnd = guess.end;
        placeHit = resolved.level === 'compound' && resolved.places.length === 1 ? resolved.places[0]! : null;
        assumed = false;
      } else if (guess && guess.resolutions.length > 1) {
        return { ...none, guesses: guess.resolutions };
      }
    }
    if (!resolved) return none;
    const numbers = preset ?? this.numbersOf(text, tokens, chosen, placeEnd, placeHit);
    if (numbers.extra) flags.numbers = true;
    const foreign = this.foreignArea(text, chosen);
    if (foreign) flags.foreign = foreign;
    // A guessed name explains its own leftovers (锦绣华亭1期); after an exact name they are unexplained.
    const leftover = guessed ? null : phaseWord(text, chosen);
    if (leftover) flags.leftover = leftover;
    return { resolved, guessed, guesses: null, assumed: assumed || numbers.assumed, number: numbers.number, building: numbers.building, flags };
  }

  /**
   * The compound or road meant when the text names several (新昌路88号金鼎华府3号楼): each read
   * with the numbers that follow it. One whose possible schools lie within every other's is taken
   * (新昌路北辰花园3号楼: 北辰花园); none such → they contradict each other (a conflict). The same
   * place named twice (新昌路601号（原解放路35号）) counts once, with the number after its standard
   * name; different numbers for it are flagged.
   */
  private pickPlace(text: string, hits: ExactHit[], chosen: ExactHit[], tokens: NumberToken[], context: Context, applicant: ZoningApplicant | null):
    | { conflict: { candidates: ZoningCandidate[]; advice: string } }
    | { hit: ExactHit; narrowed: { places: PlaceInfo[]; fits: boolean }; numbers: Numbers; clash: boolean } {
    const nextStart = (h: ExactHit) => hits.find((o) => o.start >= h.end)?.start ?? text.length;
    const segment = (h: ExactHit) => tokens.filter((t) => t.start >= h.end && t.start < nextStart(h));
    const groups: { key: string; hits: ExactHit[]; narrowed: { places: PlaceInfo[]; fits: boolean } }[] = [];
    for (const h of hits) {
      const narrowed = this.narrowPlaces(this.names.get(h.name)!.places, context);
      const key = narrowed.places.length === 1 ? narrowed.places[0]!.key : narrowed.places.map((p) => p.key).sort().join('|');
      const g = groups.find((x) => x.key === key);
      if (g) g.hits.push(h);
      else groups.push({ key, hits: [h], narrowed });
    }
    const read = groups.map((g) => {
      const withNumbers = g.hits.filter((h) => segment(h).length > 0);
      const numbered = withNumbers.find((h) => !this.aliasOf.has(h.name)) ?? withNumbers[0];
      const hit = numbered ?? g.hits[g.hits.length - 1]!;
      const own = numbered ? segment(numbered) : groups.length === 1 ? tokens : tokens.filter((t) => t.start < hits[0]!.start);
      const place = g.narrowed.places.length === 1 ? g.narrowed.places[0]! : null;
      const numbers = this.numbersOf(text, own, chosen, 0, place);
      // Numbers after two or more mentions of the place that disagree (one mention cannot clash).
      let clash = false;
      if (withNumbers.length > 1) {
        const seen = new Set(withNumbers.map((h) => {
          const n = this.numbersOf(text, segment(h), chosen, 0, place);
          return `${n.number}|${n.building}`;
        }));
        clash = seen.size > 1;
      }
      return { narrowed: g.narrowed, hit, numbers, clash };
    });
    if (read.length === 1) return read[0]!;
    const possible = read.map((g) => ZONING_STAGES.map((s) => new Set(g.narrowed.places.flatMap((p) => [...this.possibleSchools(p, s, g.numbers.number, g.numbers.building, applicant)]))));
    const within = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
    const anyFits = read.some((g) => g.narrowed.fits);
    const valid = read.filter((g, i) => (!anyFits || g.narrowed.fits) && read.every((_, j) => j === i || possible[i]!.every((set, s) => within(set, possible[j]![s]!))));
    if (valid.length) return valid.sort((a, b) => a.hit.start - b.hit.start)[valid.length - 1]!;
    const candidates = read.flatMap((g) => g.narrowed.places.map((p) => {
      const nums = [g.numbers.number !== null ? `${g.numbers.number}号` : '', g.numbers.building !== null ? `${g.numbers.building}栋` : ''].filter(Boolean).join(' ');
      return { label: [placeLabel(p.town.name, '', p.name), nums].filter(Boolean).join(' '), town: p.town.name, village: '', compound: p.name, hint: '请确认住址属于哪一处' };
    }));
    const names = read.map((g) => `「${g.narrowed.places[0]!.name}」`).join('和');
    return {
      conflict: {
        candidates: uniqueBy(candidates, (c) => c.label).slice(0, MAX_CANDIDATES),
        advice: `地址中同时有${names}，按划片表它们对应的学校不同，请确认您的住址属于哪一处（可从下列地点中选择），或${CALL}`,
      },
    };
  }

  /** Every school the place may send a stage to (for the applicant, within the number / building given); its area's when it has no rule of its own. */
  private possibleSchools(place: PlaceInfo, stage: ZoningStage, number: number | null, building: number | null, applicant: ZoningApplicant | null): Set<string> {
    const fits = (r: RuleRec) => r.stage === stage && (applicant === null || r.applicant === 'all' || r.applicant === applicant);
    let rules = place.rules.filter(fits);
    if (rules.length) {
      rules = rules.filter((r) => (number === null || coversNumber(r.row, number)) && (building === null || coversBuilding(r.row, building)));
    } else {
      rules = place.villages.flatMap((v) => v.whole.filter(fits));
      if (!rules.length) rules = place.town.whole.filter(fits);
    }
    return new Set(rules.map((r) => r.row.school.trim()));
  }

  /** The last 省/市/县/区 word of the text outside the table's names, when it is not the county's own (寿光市, 朝阳区). */
  private foreignArea(text: string, chosen: ExactHit[]): string | null {
    const words: string[] = [];
    let at = 0;
    for (const c of chosen) {
      if (c.start > at) words.push(...adminWords(text.slice(at, c.start)));
      at = Math.max(at, c.end);
    }
    if (at < text.length) words.push(...adminWords(text.slice(at)));
    const last = words[words.length - 1];
    return last !== undefined && !this.homeNames.some((h) => last.endsWith(h)) ? last : null;
  }

  /** The area words a school's address or name starts with: 昌乐县宝城街道利民街169号 → 昌乐县. */
  private leadingAreas(text: string): string[] {
    const found: string[] = [];
    let at = 0;
    for (;;) {
      let end = -1;
      for (let i = at + 1; i < Math.min(text.length, at + 8); i += 1) {
        if (AREA_ENDS.has(text[i]!)) {
          end = i;
          break;
        }
      }
      if (end < 0) break;
      const word = text.slice(at, end + 1);
      if (this.names.has(word) || NOT_AREA.some((w) => word.endsWith(w))) break;
      found.push(word);
      at = end + 1;
    }
    return found;
  }

  /** Places of a name that fit the towns / villages mentioned (all of them, flagged, when none fits). */
  private narrowPlaces(places: PlaceInfo[], context: Context): { places: PlaceInfo[]; fits: boolean } {
    const towns = new Set([...context.towns, ...context.villages.map((v) => v.town.key)]);
    if (!towns.size) return { places, fits: true };
    const inTown = places.filter((p) => towns.has(p.town.key));
    return inTown.length ? { places: inTown, fits: true } : { places, fits: false };
  }

  /** House and building numbers after the place (before it when none follows); a bare number by what the place's rules split on. */
  private numbersOf(text: string, tokens: NumberToken[], chosen: ExactHit[], placeEnd: number, place: PlaceInfo | null): Numbers {
    const after = tokens.filter((t) => t.start >= placeEnd);
    const use = after.length ? after : tokens;
    // 新昌路35号601号: a second house (or building) number is dropped, so the answer cannot be certain.
    // 5号楼601号: a house number after the building is more likely the flat, so not certain either.
    const houses = use.filter((t) => t.kind === 'house');
    const buildings = use.filter((t) => t.kind === 'building');
    const extra = new Set(houses.map((t) => t.value)).size > 1 || new Set(buildings.map((t) => t.value)).size > 1 || houses.some((h) => buildings.some((b) => b.start < h.start));
    let number: number | null = null;
    let building: number | null = null;
    let bare: number | null = null;
    for (const t of use) {
      if (t.kind === 'house' && number === null) number = t.value;
      else if (t.kind === 'building' && building === null) building = t.value;
      else if (t.kind === 'bare' && bare === null) {
        // A number without a unit counts only at the end, or right before another number or a name.
        const next = t.end;
        if (next >= text.length || tokens.some((o) => o.start === next) || chosen.some((c) => c.start === next)) bare = t.value;
      }
    }
    const bySplit = place ? { number: place.numberSplit, building: place.buildingSplit } : { number: false, building: false };
    const roadLike = place ? ROAD_ENDS.some((end) => place.name.endsWith(end)) : true;
    if (bare !== null) {
      const asBuilding = number !== null || (bySplit.building && !bySplit.number) || (!bySplit.number && !roadLike);
      if (asBuilding && building === null) building = bare;
      else if (!asBuilding && number === null) number = bare;
    }
    // 北辰花园3号 where the compound is split only by building: 3 is read as the building, and said so.
    let assumed = false;
    if (place && number !== null && building === null && bySplit.building && !bySplit.number) {
      building = number;
      number = null;
      assumed = true;
    }
    return { number, building, assumed, extra };
  }

  /** The best guess over the parts of the text nothing exact explained; only levels below what was found. */
  private guess(text: string, chosen: ExactHit[], tokens: NumberToken[], context: Context, found: Resolved | null): { name: string; end: number; resolutions: Resolved[] } | null {
    // The parts no name or number explains; a number without a unit may also be part of a name
    // (锦绣华亭1期, 10里堡), so the parts are cut once at every number and once only at numbers with units.
    const segments: { start: number; text: string }[] = [];
    for (const cut of [tokens, tokens.filter((t) => t.kind !== 'bare')]) {
      const covered = [...chosen.map((c) => [c.start, c.end] as const), ...cut.map((t) => [t.start, t.end] as const)].sort((a, b) => a[0] - b[0]);
      let at = 0;
      const push = (start: number, end: number) => {
        if (!segments.some((x) => x.start === start && x.text.length === end - start)) segments.push({ start, text: text.slice(start, end) });
      };
      for (const [s, e] of covered) {
        if (s > at) push(at, s);
        at = Math.max(at, e);
      }
      if (at < text.length) push(at, text.length);
    }
    const rank = { town: 0, village: 1, compound: 2 } as const;
    const floor = found ? rank[found.level] : -1;
    let best: { hit: GuessHit; end: number; resolution: Resolved }[] = [];
    let bestLength = 0;
    for (const seg of segments) {
      for (const hit of this.finder.guess(seg.text)) {
        const resolution = this.resolveGuess(hit.name, context);
        if (!resolution || rank[resolution.level] <= floor) continue;
        if (hit.length > bestLength) {
          best = [];
          bestLength = hit.length;
        }
        if (hit.length === bestLength) best.push({ hit, end: seg.start + seg.text.length, resolution });
      }
    }
    if (!best.length) return null;
    const names = uniqueBy(best, (b) => this.standard(b.hit.name));
    if (names.length === 1) {
      const b = names[0]!;
      const display = this.displayOf(b.resolution);
      return { name: display, end: b.end, resolutions: [b.resolution] };
    }
    return { name: '', end: 0, resolutions: names.map((b) => b.resolution) };
  }

  private standard(name: string): string {
    return this.aliasOf.get(name) ?? name;
  }

  /** A guessed name as a place, only if it fits the towns / villages mentioned. */
  private resolveGuess(name: string, context: Context): Resolved | null {
    const e = this.names.get(name);
    if (!e) return null;
    const towns = new Set([...context.towns, ...context.villages.map((v) => v.town.key)]);
    const villageKeys = new Set(context.villages.map((v) => v.key));
    if (e.places.length) {
      let places = towns.size ? e.places.filter((p) => towns.has(p.town.key)) : e.places;
      if (villageKeys.size) {
        const inVillage = places.filter((p) => p.rules.some((r) => villageKeys.has(p.town.key + sep + r.villageKey)));
        if (inVillage.length) places = inVillage;
      }
      if (places.length) return { level: 'compound', places, villages: context.villages };
    }
    if (e.villages.length) {
      const villages = towns.size ? e.villages.filter((v) => towns.has(v.town.key)) : e.villages;
      if (villages.length) return { level: 'village', villages };
    }
    if (e.towns.length && !towns.size) return { level: 'town', towns: e.towns };
    return null;
  }

  private displayOf(r: Resolved): string {
    if (r.level === 'compound') return r.places[0]!.name;
    if (r.level === 'village') return r.villages[0]!.name;
    return r.towns[0]!.name;
  }

  /* ---------- deciding ---------- */

  private answerResolved(reading: Reading, resolved: Resolved, applicant: ZoningApplicant | null): ZoningMatch {
    const { number, building } = reading;
    const numbersText = [number !== null ? `${number}号` : '', building !== null ? `${building}栋` : ''].filter(Boolean).join(' ');
    const flags = reading.flags ?? {};
    const certain = !reading.guessed && !reading.assumed && Object.keys(flags).length === 0;

    // The same name in several towns (or villages): which one.
    if (resolved.level === 'compound' && resolved.places.length > 1) {
      const towns = uniqueBy(resolved.places, (p) => p.town.key).map((p) => p.town.name);
      return {
        status: 'ambiguous',
        understood: [resolved.places[0]!.name, numbersText].filter(Boolean).join(' '),
        certain: false,
        candidates: resolved.places.slice(0, MAX_CANDIDATES).map((p) => ({ label: placeLabel(p.town.name, '', p.name), town: p.town.name, village: '', compound: p.name, hint: '请选择所在镇街' })),
        advice: `“${resolved.places[0]!.name}”在${listed(towns)}都有，请选择或补充所在镇街`,
      };
    }
    if (resolved.level === 'village' && resolved.villages.length > 1) {
      const towns = uniqueBy(resolved.villages, (v) => v.town.key).map((v) => v.town.name);
      return {
        status: 'ambiguous',
        understood: resolved.villages[0]!.name,
        certain: false,
        candidates: resolved.villages.slice(0, MAX_CANDIDATES).map((v) => ({ label: placeLabel(v.town.name, v.name, ''), town: v.town.name, village: v.name, compound: '', hint: '请选择所在镇街' })),
        advice: `“${resolved.villages[0]!.name}”在${listed(towns)}都有，请选择或补充所在镇街`,
      };
    }
    if (resolved.level === 'town' && resolved.towns.length > 1) return this.ambiguousGuess([resolved]);

    const scope = this.scopeOf(resolved, number, building);
    const understood = this.understood(resolved, scope, number, building);
    const cases = this.cases(scope, applicant);
    const used = reading.guessed ?? (reading.assumed ? understood : null);
    const guessAdvice = [used ? `按「${used}」查询，如不是请重新输入或致电学校核实` : null, ...flagNotes(flags, understood)].filter(Boolean).join('；') || null;

    // Ambiguous anywhere: the candidates and what to add.
    const ambiguous: Extract<Outcome, { kind: 'ambiguous' }>[] = [];
    for (const c of cases) {
      for (const s of ZONING_STAGES) {
        const o = c[s];
        if (o.kind === 'ambiguous') ambiguous.push(o);
      }
    }
    if (ambiguous.length) {
      const reason = ambiguous[0]!.reason;
      return {
        status: 'ambiguous',
        understood,
        certain: false,
        candidates: uniqueBy(ambiguous.flatMap((a) => a.candidates), (c) => c.label).slice(0, MAX_CANDIDATES),
        advice: [guessAdvice, this.ambiguousAdvice(reason)].filter(Boolean).join('；'),
      };
    }

    const answered = cases.some((c) => c.primary.kind === 'matched' || c.junior.kind === 'matched');
    if (!answered) {
      // A town or village without a whole-area rule: choose below it.
      const below = resolved.level === 'compound' ? [] : this.below(scope.town, resolved.level === 'village' ? scope.villages[0]! : null);
      if (below.length) {
        return {
          status: 'ambiguous',
          understood,
          certain: false,
          candidates: below,
          advice: resolved.level === 'town' ? '请补充或选择社区（村）、小区或道路' : '请补充或选择小区或道路',
        };
      }
      return { status: 'none', understood, certain: false, advice: [guessAdvice, this.noneAdvice(cases, resolved)].filter(Boolean).join('；') };
    }

    // A town or village answered whole for one stage while its parts decide the other: choose below.
    if (resolved.level !== 'compound') {
      const missing = cases.some((c) => ZONING_STAGES.some((s) => c[s].kind !== 'matched' && this.stageBelow(scope, resolved.level === 'village' ? scope.villages[0]! : null, s)));
      const below = missing ? this.below(scope.town, resolved.level === 'village' ? scope.villages[0]! : null) : [];
      if (below.length) {
        return { status: 'ambiguous', understood, certain: false, candidates: below, advice: resolved.level === 'town' ? '请补充或选择社区（村）、小区或道路' : '请补充或选择小区或道路' };
      }
    }

    const notes: string[] = [];
    if (guessAdvice) notes.push(guessAdvice);
    // A whole-area answer while some parts of the area go elsewhere: right for most, not sure for this address.
    const exceptions = resolved.level !== 'compound' && cases.some((c) => ZONING_STAGES.some((s) => {
      const o = c[s];
      return o.kind === 'matched' && this.otherSchoolBelow(scope.town, resolved.level === 'village' ? scope.villages[0]! : null, s, o.rule.row.school.trim());
    }));
    if (exceptions) notes.push(resolved.level === 'town' ? '该镇街部分社区（村）、小区另有划片，请补充详细地址确认' : '该社区（村）部分小区另有划片，请补充小区或道路确认');
    const result: ZoningMatch = { status: 'matched', understood, certain: certain && !exceptions, advice: null };
    if (cases.length === 1) {
      const only = cases[0]!;
      for (const s of ZONING_STAGES) {
        const o = only[s];
        if (o.kind === 'matched') result[s] = this.placement(o.rule);
      }
      const missingStages = ZONING_STAGES.filter((s) => only[s].kind !== 'matched');
      if (missingStages.length) notes.push(`未查到${missingStages.map((s) => ZONING_STAGE_LABELS[s]).join('、')}划片信息，${CALL}`);
    } else {
      result.options = cases.map((c) => {
        const option: ZoningOption = { applicant: c.applicant, condition: c.condition };
        for (const s of ZONING_STAGES) {
          const o = c[s];
          if (o.kind === 'matched') option[s] = this.placement(o.rule);
        }
        return option;
      });
      notes.push('不同情况对应的学校不同，请按您的实际情况查看');
      const gaps = ZONING_STAGES.filter((s) => cases.some((c) => c[s].kind !== 'matched'));
      if (gaps.length) notes.push(`部分情况未查到${gaps.map((s) => ZONING_STAGE_LABELS[s]).join('、')}划片信息，${CALL}`);
    }
    result.advice = notes.length ? notes.join('；') : null;
    return result;
  }

  private scopeOf(resolved: Resolved, number: number | null, building: number | null): Scope {
    if (resolved.level === 'compound') {
      const place = resolved.places[0]!;
      const mentioned = new Set(resolved.villages.filter((v) => v.town === place.town).map((v) => v.key.split(sep)[1]!));
      let rules = place.rules;
      if (mentioned.size && rules.some((r) => mentioned.has(r.villageKey))) rules = rules.filter((r) => r.villageKey === '' || mentioned.has(r.villageKey));
      const villageKeys = mentioned.size ? [...mentioned] : uniqueBy(rules.filter((r) => r.villageKey !== ''), (r) => r.villageKey).map((r) => r.villageKey);
      const villages = villageKeys.map((k) => place.town.villages.get(k)).filter((v): v is VillageInfo => v !== undefined);
      return { rules, villages, town: place.town, number, building };
    }
    if (resolved.level === 'village') {
      const v = resolved.villages[0]!;
      return { rules: null, villages: [v], town: v.town, number: null, building: null };
    }
    return { rules: null, villages: [], town: resolved.towns[0]!, number: null, building: null };
  }

  /** “宝城街道 北岩社区 北辰花园 3栋”, “宝城街道 人民路 35号”. */
  private understood(resolved: Resolved, scope: Scope | null, number: number | null, building: number | null): string {
    const parts: string[] = [];
    if (resolved.level === 'compound') {
      const place = resolved.places[0]!;
      const villages = scope ? uniqueBy(scope.rules ?? [], (r) => r.villageKey).filter((r) => r.villageKey !== '') : [];
      parts.push(place.town.name);
      if (scope && scope.villages.length === 1 && (villages.length <= 1 || resolved.villages.length)) parts.push(scope.villages[0]!.name);
      parts.push(place.name);
    } else if (resolved.level === 'village') {
      parts.push(resolved.villages[0]!.town.name, resolved.villages[0]!.name);
    } else {
      parts.push(resolved.towns[0]!.name);
    }
    if (number !== null) parts.push(`${number}号`);
    if (building !== null) parts.push(`${building}栋`);
    return parts.filter(Boolean).join(' ');
  }

  /** Each applicant / condition case that may lead elsewhere, with both stages decided. */
  private cases(scope: Scope, given: ZoningApplicant | null): Case[] {
    // Whom and which conditions the rules in scope tell apart (read in place: no merged list per lookup).
    let specific = false;
    const conditions: string[] = [];
    const survey = (rules: readonly RuleRec[]) => {
      for (const r of rules) {
        if (r.applicant !== 'all') specific = true;
        if (r.condition !== null && !conditions.includes(r.condition)) conditions.push(r.condition);
      }
    };
    if (scope.rules) survey(scope.rules);
    for (const v of scope.villages) survey(v.whole);
    survey(scope.town.whole);
    const applicants: ZoningApplicant[] = given ? [given] : specific ? ['local', 'migrant'] : ['all'];

    const perApplicant = applicants.map((a) => {
      const base: Case = { applicant: a, condition: null, primary: this.stage(scope, 'primary', a, null), junior: this.stage(scope, 'junior', a, null) };
      const list = [base];
      for (const c of conditions) {
        const withC = (s: ZoningStage): Outcome => {
          const o = this.stage(scope, s, a, c);
          return o.kind === 'empty' || o.kind === 'none' ? base[s] : o;
        };
        const cc: Case = { applicant: a, condition: c, primary: withC('primary'), junior: withC('junior') };
        if (signature(cc) !== signature(base)) list.push(cc);
      }
      // With a condition, the unconditional case reads as “otherwise”.
      return list;
    });
    if (perApplicant.length === 2) {
      const [local, migrant] = perApplicant as [Case[], Case[]];
      const same = local.length === migrant.length && local.every((c, i) => c.condition === migrant[i]!.condition && signature(c) === signature(migrant[i]!));
      if (same) return local.map((c) => ({ ...c, applicant: 'all' as const }));
    }
    return perApplicant.flat();
  }

  /** One stage for one applicant and condition: the applicant's own rules first (at any level), then everyone's. */
  private stage(scope: Scope, stage: ZoningStage, applicant: ZoningApplicant, condition: string | null): Outcome {
    if (applicant !== 'all') {
      const own = this.levels(scope, stage, applicant, condition);
      if (own.kind === 'matched' || own.kind === 'ambiguous') return own;
    }
    return this.levels(scope, stage, 'all', condition);
  }

  /** The place's own rules; if it has none for the stage, the village's whole rule; else the town's. */
  private levels(scope: Scope, stage: ZoningStage, applicant: ZoningApplicant, condition: string | null): Outcome {
    const fits = (r: RuleRec) => r.stage === stage && r.applicant === applicant && r.condition === condition;
    if (scope.rules) {
      const own = scope.rules.filter(fits);
      if (own.length) return this.compoundOutcome(own, scope.number, scope.building);
    }
    const villageRules = scope.villages.flatMap((v) => v.whole.filter(fits));
    if (villageRules.length) return this.wholeOutcome(villageRules, true);
    const townRules = scope.town.whole.filter(fits);
    if (townRules.length) return this.wholeOutcome(townRules, false);
    return EMPTY;
  }

  private compoundOutcome(rules: RuleRec[], number: number | null, building: number | null): Outcome {
    const applicable = rules.filter((r) => (number === null || coversNumber(r.row, number)) && (building === null || coversBuilding(r.row, building)));
    if (!applicable.length) return { kind: 'none', ranges: rules };
    const schools = new Set(applicable.map((r) => r.row.school.trim()));
    if (schools.size === 1) return { kind: 'matched', rule: this.mostSpecific(applicable) };
    const missingNumber = number === null && applicable.some((r) => r.numberSplit);
    const missingBuilding = building === null && applicable.some((r) => r.buildingSplit);
    const reason: Reason = missingNumber ? 'number' : missingBuilding ? 'building' : 'overlap';
    const hint = reason === 'number' ? '请补充门牌号' : reason === 'building' ? '请补充楼栋号' : null;
    return { kind: 'ambiguous', reason, candidates: applicable.map((r) => this.candidate(r, hint)) };
  }

  /** Of rules naming one school, the one that says most about the address (a range rather than the whole road). */
  private mostSpecific(rules: RuleRec[]): RuleRec {
    return rules.find((r) => r.numberSplit || r.buildingSplit) ?? rules[0]!;
  }

  private wholeOutcome(rules: RuleRec[], byVillage: boolean): Outcome {
    const schools = new Set(rules.map((r) => r.row.school.trim()));
    if (schools.size === 1) return { kind: 'matched', rule: rules[0]! };
    const villages = new Set(rules.map((r) => r.villageKey));
    const reason: Reason = byVillage && villages.size > 1 ? 'village' : 'overlap';
    return { kind: 'ambiguous', reason, candidates: rules.map((r) => this.candidate(r, reason === 'village' ? '请选择所在社区（村）' : null)) };
  }

  private candidate(r: RuleRec, hint: string | null): ZoningCandidate {
    const row = r.row;
    return {
      label: ruleLabel({ ...row, town: clean(row.town), village: clean(row.village), compound: clean(row.compound), condition: r.condition }, true),
      town: clean(row.town),
      village: clean(row.village),
      compound: clean(row.compound),
      hint,
    };
  }

  private placement(r: RuleRec): ZoningPlacement {
    const row = r.row;
    const name = row.school.trim();
    const school = this.schools.get(name) ?? { name, kind: r.stage, ownership: 'public' as const, address: '', phone: '' };
    return {
      school: { ...school },
      rule: {
        town: clean(row.town),
        village: clean(row.village),
        compound: clean(row.compound),
        from: row.from,
        to: row.to,
        parity: row.parity,
        buildingFrom: row.buildingFrom,
        buildingTo: row.buildingTo,
        applicant: row.applicant,
        condition: r.condition,
        note: row.note,
      },
    };
  }

  /** Villages and roads of a town (or compounds of a village) as candidates. */
  private below(town: TownInfo, village: VillageInfo | null): ZoningCandidate[] {
    const key = village ? village.key : town.key + sep;
    let list = this.belowCache.get(key);
    if (!list) {
      list = this.listBelow(town, village);
      this.belowCache.set(key, list);
    }
    return list.map((c) => ({ ...c }));
  }

  private listBelow(town: TownInfo, village: VillageInfo | null): ZoningCandidate[] {
    const hint = village ? '请选择小区或道路' : '请选择社区（村）或小区';
    const list: ZoningCandidate[] = [];
    if (village) {
      for (const name of [...village.compounds.values()].sort(byName)) list.push({ label: placeLabel(town.name, village.name, name), town: town.name, village: village.name, compound: name, hint });
    } else {
      for (const v of [...town.villages.values()].sort((a, b) => byName(a.name, b.name))) list.push({ label: placeLabel(town.name, v.name, ''), town: town.name, village: v.name, compound: '', hint });
      for (const p of [...town.places.values()].filter((p) => p.loose).sort((a, b) => byName(a.name, b.name))) list.push({ label: placeLabel(town.name, '', p.name), town: town.name, village: '', compound: p.name, hint });
    }
    return list.slice(0, MAX_CANDIDATES);
  }

  /** Whether the parts below a town / village have rules for the stage (so choosing below may answer it). */
  private stageBelow(scope: Scope, village: VillageInfo | null, stage: ZoningStage): boolean {
    if (village) {
      for (const key of village.compounds.keys()) if (scope.town.places.get(key)?.rules.some((r) => r.stage === stage)) return true;
      return false;
    }
    for (const v of scope.town.villages.values()) if (v.whole.some((r) => r.stage === stage)) return true;
    for (const p of scope.town.places.values()) if (p.rules.some((r) => r.stage === stage)) return true;
    return false;
  }

  /** Whether a village or compound below the town / village sends the stage to a school other than `school`. */
  private otherSchoolBelow(town: TownInfo, village: VillageInfo | null, stage: ZoningStage, school: string): boolean {
    const differs = (r: RuleRec) => r.stage === stage && r.row.school.trim() !== school;
    if (village) {
      for (const key of village.compounds.keys()) if (town.places.get(key)?.rules.some((r) => r.villageKey === village.key.split(sep)[1] && differs(r))) return true;
      return false;
    }
    for (const v of town.villages.values()) if (v.whole.some(differs)) return true;
    for (const p of town.places.values()) if (p.rules.some(differs)) return true;
    return false;
  }

  private ambiguousAdvice(reason: Reason): string {
    switch (reason) {
      case 'number':
        return '该道路（小区）按门牌号划分学区，请补充门牌号';
      case 'building':
        return '该小区按楼栋划分学区，请补充楼栋号';
      case 'village':
        return '该道路（小区）跨多个社区（村），请选择所在社区（村）';
      case 'overlap':
        return `该地址在划片范围中对应多所学校，请选择下列范围之一，或${CALL}`;
    }
  }

  private noneAdvice(cases: Case[], resolved: Resolved): string {
    const ranges = uniqueBy(
      cases.flatMap((c) => [c.primary, c.junior]).flatMap((o) => (o.kind === 'none' ? o.ranges : [])),
      (r) => `${r.row.from}|${r.row.to}|${r.row.parity}|${r.row.buildingFrom}|${r.row.buildingTo}`,
    );
    if (ranges.length) {
      const texts = ranges.slice(0, 6).map((r) => [numberRangeText(r.row.from, r.row.to, r.row.parity), r.buildingSplit ? `${r.row.buildingFrom ?? ''}—${r.row.buildingTo ?? ''}栋` : ''].filter(Boolean).join(' '));
      const name = this.displayOf(resolved);
      return `划片范围中“${name}”包括：${texts.join('、')}${ranges.length > 6 ? '等' : ''}，不含您输入的门牌（楼栋）号。请核对门牌号，或使用逐级选择查询；仍查不到的，${CALL}`;
    }
    return `划片范围中没有该地址的划片信息，请核对地址或使用逐级选择查询；仍查不到的，${CALL}`;
  }

  /** Several places fit a guess (or a town name several towns share): the candidates. */
  private ambiguousGuess(resolutions: Resolved[]): ZoningMatch {
    const candidates: ZoningCandidate[] = [];
    for (const r of resolutions) {
      if (r.level === 'compound') for (const p of r.places) candidates.push({ label: placeLabel(p.town.name, '', p.name), town: p.town.name, village: '', compound: p.name, hint: null });
      else if (r.level === 'village') for (const v of r.villages) candidates.push({ label: placeLabel(v.town.name, v.name, ''), town: v.town.name, village: v.name, compound: '', hint: null });
      else for (const t of r.towns) candidates.push({ label: t.name, town: t.name, village: '', compound: '', hint: '请选择社区（村）或小区' });
    }
    return {
      status: 'ambiguous',
      understood: null,
      certain: false,
      candidates: uniqueBy(candidates, (c) => c.label).slice(0, MAX_CANDIDATES),
      advice: '未能确定您要查询的地点，请从下列地点中选择，或重新输入完整地址',
    };
  }
}

interface Context {
  towns: Set<string>;
  villages: VillageInfo[];
}

/** What ends an administrative area's name; words ending so that are parts of a town are not areas. */
const AREA_ENDS = new Set(['省', '市', '县', '区', '州', '旗']);
const NOT_AREA = ['小区', '社区', '城区', '园区', '开发区', '度假区', '景区', '片区', '校区', '街区', '厂区', '超市'];
const SECTION_MARKS = '东西南北中';
const isDigitChar = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isSectionMark = (c: string | undefined): boolean => c !== undefined && (isDigitChar(c) || (c >= 'a' && c <= 'z') || SECTION_MARKS.includes(c));

/** The 省/市/县/区/州/旗 words of a part no name explained: 北京市朝阳区 → 北京市, 朝阳区 (小区, 东区, 市场 are not). */
function adminWords(part: string): string[] {
  const words: string[] = [];
  let at = 0;
  for (let i = 0; i < part.length; i += 1) {
    const ch = part[i]!;
    if (!AREA_ENDS.has(ch) || (ch === '市' && part[i + 1] === '场')) continue;
    const word = part.slice(at, i + 1);
    at = i + 1;
    if (word.length >= 2 && !NOT_AREA.some((w) => word.endsWith(w)) && !(ch === '区' && isSectionMark(word[word.length - 2]))) words.push(word);
  }
  return words;
}

/** A phase or section outside every name (北辰花园2期, 翡翠城2期, 北辰花园东区, B区): the table does not split the place so. */
function phaseWord(text: string, chosen: ExactHit[]): string | null {
  const inName = (i: number) => chosen.some((c) => i >= c.start && i < c.end);
  for (let i = 1; i < text.length; i += 1) {
    const ch = text[i];
    if ((ch !== '期' && ch !== '区') || inName(i) || inName(i - 1)) continue;
    const prev = text[i - 1];
    if (ch === '期' ? !isDigitChar(prev) : !isSectionMark(prev)) continue;
    let s = i - 1;
    while (s > 0 && isDigitChar(text[s]) && isDigitChar(text[s - 1]) && !inName(s - 1)) s -= 1;
    return text.slice(s, i + 1);
  }
  return null;
}

/** The advice for each doubt a reading carries. */
function flagNotes(flags: ReadFlags, understood: string): string[] {
  const notes: string[] = [];
  if (flags.foreign) notes.push(`您输入的地址似乎不在本县（${flags.foreign}），以下按本县的「${understood}」查询，仅供参考`);
  if (flags.village) notes.push(`划片表中「${flags.village.place}」属于${flags.village.real.join('、')}，不属于${flags.village.said}，以下按${flags.village.real.join('、')}查询，请核对`);
  if (flags.leftover) notes.push(`划片表中没有「${flags.leftover}」的单独划片，以下按「${understood}」查询，请核对`);
  if (flags.numbers) notes.push(`地址中有多个门牌号或楼栋号，以下按「${understood}」查询，请核对`);
  return notes;
}

/** “宝城街道、朱刘街道”; beyond four, “宝城街道、宝都街道、朱刘街道、五图街道等 20 个镇街”. */
function listed(towns: string[]): string {
  return towns.length <= 4 ? towns.join('、') : `${towns.slice(0, 4).join('、')}等 ${towns.length} 个镇街`;
}

/** What a case answers, to tell cases apart: per stage the outcome and school. */
function signature(c: Case): string {
  return ZONING_STAGES.map((s) => {
    const o = c[s];
    return o.kind === 'matched' ? `m:${o.rule.row.school.trim()}` : o.kind;
  }).join('|');
}
