import type { SchoolKind, SchoolOwnership, ZoningApplicant, ZoningParity, ZoningStage } from '../zoning/zoning-rules';
import type { NoticeStatus } from '../publishing/notice-status';

/**
 * 学区查询: the public lookup (`/api/v1/zoning/*`) and the staff side (`/api/v1/staff/zoning/*`).
 * A school year holds tables; the one in effect is the last whose 划片 notice was published (or
 * that the command line published at set-up). The current year is the latest year in effect.
 */

export interface ZoningSchoolView {
  name: string;
  kind: SchoolKind;
  ownership: SchoolOwnership;
  address: string;
  phone: string;
  /** WGS-84 degrees, when the table gives them (for a map). */
  location?: { longitude: number; latitude: number } | null;
}

/** The rule an answer rests on, as the table says it. */
export interface ZoningRuleView {
  town: string;
  /** 社区 / 村; empty when the rule covers a road across communities. */
  village: string;
  /** 小区 or road; empty for a rule covering the whole village (or town). */
  compound: string;
  /** House numbers (号 / 弄); both null: the whole road or compound. */
  from: number | null;
  to: number | null;
  parity: ZoningParity;
  /** Buildings (栋 / 幢) of a compound; both null: every building. */
  buildingFrom: number | null;
  buildingTo: number | null;
  applicant: ZoningApplicant;
  /** e.g. 房户一致; null when unconditional. */
  condition: string | null;
  note: string | null;
}

export interface ZoningPlacement {
  school: ZoningSchoolView;
  rule: ZoningRuleView;
}

/** One case when the school depends on the child's 户籍 or a condition the query did not give. */
export interface ZoningOption {
  applicant: ZoningApplicant;
  condition: string | null;
  primary?: ZoningPlacement;
  junior?: ZoningPlacement;
}

/** A place the parent may have meant; its fields are what to send back to look it up. */
export interface ZoningCandidate {
  /** e.g. “城关镇 · 人民路 1—99号（单号）”. */
  label: string;
  town: string;
  village: string;
  compound: string;
  /** What to add or choose, e.g. “请输入门牌号”. */
  hint: string | null;
}

export type ZoningLookupStatus = 'matched' | 'ambiguous' | 'none';

/** The answer to GET /zoning/lookup. */
export interface ZoningLookupResult {
  status: ZoningLookupStatus;
  /** The school year the answer comes from. */
  year: number;
  /** The address as the lookup understood it, e.g. “城关镇 人民路 35号”; null when nothing was recognised. */
  understood: string | null;
  /**
   * False when the answer rests on a guess (a corrected typo, a partial name, a number range it
   * had to assume): the page says so and asks the parent to confirm with the school.
   */
  certain: boolean;
  primary?: ZoningPlacement;
  junior?: ZoningPlacement;
  /** When the school depends on 本地户籍 / 随迁子女 or a condition (房户一致) not given: each case. */
  options?: ZoningOption[];
  /** Ambiguous: the places it could be (at most 20). */
  candidates?: ZoningCandidate[];
  /** The year's 划片 notice (the policy behind the table). */
  notice: { id: number; title: string } | null;
  /** What to do next: which detail to add, or whom to call. */
  advice: string | null;
}

export type ZoningPlaceLevel = 'town' | 'village' | 'compound';

/** One choice of the cascade picker (镇街 → 社区 / 村 → 小区 / 道路). */
export interface ZoningPlaceOption {
  level: ZoningPlaceLevel;
  name: string;
  /** Choosing it is enough to answer (a rule covers it whole); else go a level down. */
  answers: boolean;
  /** A compound or road split by house or building numbers: the picker asks for the number. */
  needsNumber: boolean;
}

/** The answer to GET /zoning/places?year=&town=&village=: the next level's choices. */
export interface ZoningPlaces {
  year: number;
  options: ZoningPlaceOption[];
}

/** A school year in effect, for the public year picker (GET /zoning/years). */
export interface ZoningYearSummary {
  year: number;
  current: boolean;
  /** When it took effect (its 划片 notice was published). */
  effectiveFrom: string;
  notice: { id: number; title: string } | null;
}

/* ---------- staff ---------- */

/**
 * Where a table stands: `draft` (imported, editable), `attached` (its 划片 notice is a draft:
 * still editable, the attachment follows each change), `in_review` (the notice is in the review
 * chain: frozen), `published` (in effect), `superseded` (a later table of the year took over),
 * `withdrawn` (its notice was withdrawn).
 */
export type ZoningTableState = 'draft' | 'attached' | 'in_review' | 'published' | 'superseded' | 'withdrawn';

export interface ZoningTableView {
  id: number;
  year: number;
  state: ZoningTableState;
  ruleCount: number;
  schoolCount: number;
  /** The uploaded file's name. */
  sourceName: string;
  importedBy: string;
  importedAt: string;
  notice: { id: number; title: string; status: NoticeStatus } | null;
  /** When it took effect; null until published. */
  publishedAt: string | null;
  /** Published from the command line at set-up (audited), not through the review chain. */
  publishedBySetup: boolean;
  /** Optimistic lock for edits and attaching. */
  version: number;
}

export interface ZoningYearView {
  year: number;
  /** The current year (the latest in effect). */
  current: boolean;
  tables: ZoningTableView[];
}

/** A range of addresses that changes school between two tables. */
export interface ZoningMove {
  stage: ZoningStage;
  /** e.g. “城关镇 · 人民路 1—99号（单号）”. */
  place: string;
  fromSchool: string | null;
  toSchool: string | null;
}

/** What a table changes against another (the previous year's table in effect, or a chosen one). */
export interface ZoningDiff {
  from: { year: number; tableId: number } | null;
  to: { year: number; tableId: number };
  schoolsAdded: string[];
  schoolsRemoved: string[];
  rulesAdded: number;
  rulesRemoved: number;
  rulesUnchanged: number;
  /** At most 500; `movesTotal` counts them all. */
  moves: ZoningMove[];
  movesTotal: number;
}

/** The answer to POST /staff/zoning/years/:year/import (a failed import is a 422 `ZONING_IMPORT_INVALID` whose details name sheet, row and column). */
export interface ZoningImportResult {
  table: ZoningTableView;
  diff: ZoningDiff;
}

/** One rule's content: where and for whom (ZoningRuleView) and which school of which stage. */
export interface ZoningRuleContent extends ZoningRuleView {
  stage: ZoningStage;
  /** The school's name within the table. */
  school: string;
}

export interface ZoningRuleStaffView extends ZoningRuleContent {
  id: number;
  /** The row of the imported sheet; null for a rule added by hand. */
  sourceRow: number | null;
}

/** Body of PATCH /staff/zoning/rules/:id (a correction of one rule of an editable table). */
export interface ZoningRuleInput extends ZoningRuleContent {
  tableVersion: number;
}

/** Body of POST /staff/zoning/tables/:id/attach: the 划片 notice (a draft the staff member may edit) the table goes through review with. */
export interface ZoningAttachInput {
  noticeId: number;
  tableVersion: number;
}

/** An address parents searched that found nothing, kept without who searched (GET /staff/zoning/misses). */
export interface ZoningMissView {
  /** The normalised text, house number kept, room and unit numbers dropped. */
  text: string;
  year: number;
  count: number;
  firstAt: string;
  lastAt: string;
}
