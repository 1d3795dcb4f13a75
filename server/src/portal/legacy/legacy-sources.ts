import { INFO_TYPES, NOTICE_LIMITS, type InfoType } from '@gongkai/shared';
import { plainToInstance, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsObject, IsString, Matches, Max, Min, ValidateBy, ValidateNested, validateSync, type ValidationError } from 'class-validator';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { MaxChars, Omittable } from '../../common/errors/validators';

/**
 * The legacy sources file (PORTAL_SOURCES_FILE): which columns of the old site or the portal
 * `portal import` reads, how it finds their pages and fields, and how items map to our
 * categories and units. Checked in full before anything is fetched; every problem names its field.
 */

export const SOURCE_KINDS = ['html', 'feed'] as const;
export const IMPORT_MODES = ['draft', 'published'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** A regular expression given as text; refused when it does not compile. */
function IsRegex(): PropertyDecorator {
  return ValidateBy({
    name: 'isRegex',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || !value) return false;
        try {
          new RegExp(value, 'u');
          return true;
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'must be a valid regular expression',
    },
  });
}

function IsHttpUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'string' || value.length > 1000) return false;
        try {
          return ['http:', 'https:'].includes(new URL(value).protocol);
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'must be an absolute http(s) URL of at most 1,000 characters',
    },
  });
}

/** Where a field's text is on a page: a CSS selector (first match), optionally an attribute, and a regex whose first group is the value. */
export class FieldSelector {
  @IsString({ message: 'must be a CSS selector' })
  @IsNotEmpty({ message: 'must be a CSS selector' })
  selector!: string;

  /** Read this attribute of the match instead of its text (e.g. "content" of a <meta>). */
  @Omittable()
  @IsString({ message: 'must be an attribute name' })
  attr?: string;

  /** Applied to the text; the first capture group (or the whole match) is the value. */
  @Omittable()
  @IsRegex()
  pattern?: string;
}

/** The fields of a detail page. `title` and `body` are required for html sources; a feed source may read detail pages too. */
export class DetailSelectors {
  @ValidateNested()
  @Type(() => FieldSelector)
  title!: FieldSelector;

  /** The body's container: its inner HTML becomes the notice body (sanitised, links made absolute). */
  @ValidateNested()
  @Type(() => FieldSelector)
  body!: FieldSelector;

  @Omittable()
  @ValidateNested()
  @Type(() => FieldSelector)
  date?: FieldSelector;

  @Omittable()
  @ValidateNested()
  @Type(() => FieldSelector)
  documentNo?: FieldSelector;

  @Omittable()
  @ValidateNested()
  @Type(() => FieldSelector)
  indexNo?: FieldSelector;

  /** Text the `column` rules match (a breadcrumb, a 主题分类 cell). */
  @Omittable()
  @ValidateNested()
  @Type(() => FieldSelector)
  column?: FieldSelector;

  /** Links kept as the notice's attachments (every match; name = link text). */
  @Omittable()
  @IsString({ message: 'must be a CSS selector' })
  @IsNotEmpty({ message: 'must be a CSS selector' })
  attachments?: string;
}

/** A column's list pages: the first page, the links to items on each, and how the next page is named. */
export class ListSettings {
  @IsHttpUrl()
  url!: string;

  /** The item links on a list page. */
  @IsString({ message: 'must be a CSS selector' })
  @IsNotEmpty({ message: 'must be a CSS selector' })
  links!: string;

  /** Page n (n ≥ 1) of the list, relative to the first page: "index_{n}.html" for TRS columns. Absent: one page only. */
  @Omittable()
  @IsString({ message: 'must be text with {n}' })
  @Matches(/\{n\}/, { message: 'must contain {n}' })
  nextPattern?: string;

  /** A regex on the first page's HTML whose first group is the number of pages, e.g. "createPageHTML\\((\\d+)". Absent: read until a page is missing or empty. */
  @Omittable()
  @IsRegex()
  pageCountPattern?: string;

  @Omittable()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(10_000, { message: 'must be at most 10000' })
  maxPages?: number;
}

export class FeedSettings {
  @IsHttpUrl()
  url!: string;
}

export class MatchRule {
  @Omittable()
  @IsRegex()
  url?: string;

  @Omittable()
  @IsRegex()
  title?: string;

  @Omittable()
  @IsRegex()
  column?: string;
}

/** Codes given to an item: by the first rule that matches and names the field, else the source's defaults. */
export class MappingFields {
  @Omittable()
  @IsString({ message: 'must be a category code' })
  @IsNotEmpty({ message: 'must be a category code' })
  categoryCode?: string;

  @Omittable()
  @IsString({ message: 'must be a unit code' })
  @IsNotEmpty({ message: 'must be a unit code' })
  unitCode?: string;

  @Omittable()
  @IsIn(INFO_TYPES, { message: `must be one of ${INFO_TYPES.join(', ')}` })
  infoType?: InfoType;

  // Checked bottom-up: a list first.
  @Omittable()
  @ArrayMaxSize(NOTICE_LIMITS.topicsMax, { message: `must have at most ${NOTICE_LIMITS.topicsMax} topic codes` })
  @IsString({ each: true, message: 'must be a list of topic codes' })
  @IsArray({ message: 'must be a list of topic codes' })
  topicCodes?: string[];
}

export class MappingRule extends MappingFields {
  @IsObject({ message: 'must be an object with url, title and/or column regexes' })
  @ValidateNested()
  @Type(() => MatchRule)
  match!: MatchRule;
}

/** Every item's codes unless a rule gives another. */
export class Defaults {
  @IsString({ message: 'must be a category code' })
  @IsNotEmpty({ message: 'must be a category code' })
  categoryCode!: string;

  @IsString({ message: 'must be a unit code' })
  @IsNotEmpty({ message: 'must be a unit code' })
  unitCode!: string;

  @IsIn(INFO_TYPES, { message: `must be one of ${INFO_TYPES.join(', ')}` })
  infoType!: InfoType;

  // Checked bottom-up: a list first.
  @Omittable()
  @ArrayMaxSize(NOTICE_LIMITS.topicsMax, { message: `must have at most ${NOTICE_LIMITS.topicsMax} topic codes` })
  @IsString({ each: true, message: 'must be a list of topic codes' })
  @IsArray({ message: 'must be a list of topic codes' })
  topicCodes?: string[];
}

export class FetchSettings {
  @Omittable()
  @IsInt({ message: 'must be a whole number of milliseconds' })
  @Min(100, { message: 'must be at least 100' })
  @Max(300_000, { message: 'must be at most 300000' })
  timeoutMs?: number;

  /** A page larger than this fails alone ("too large"). */
  @Omittable()
  @IsInt({ message: 'must be a whole number of bytes' })
  @Min(1024, { message: 'must be at least 1024' })
  @Max(100 * 1024 * 1024, { message: 'must be at most 104857600' })
  maxBytes?: number;

  @Omittable()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  @Max(32, { message: 'must be at most 32' })
  concurrency?: number;

  /** Used when neither the Content-Type nor the page names its charset. */
  @Omittable()
  @IsString({ message: 'must be a charset name such as gbk' })
  charset?: string;
}

export class LegacySource {
  @IsString({ message: 'must be a name of lower-case letters, digits and "-"' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,59}$/, { message: 'must be a name of lower-case letters, digits and "-" (at most 60)' })
  name!: string;

  @Omittable()
  @IsString({ message: 'must be text' })
  @MaxChars(200, { message: 'must be at most 200 characters' })
  label?: string;

  @IsIn(SOURCE_KINDS, { message: 'must be "html" (list and detail pages) or "feed" (RSS or Atom)' })
  kind!: (typeof SOURCE_KINDS)[number];

  @IsIn(IMPORT_MODES, { message: 'must be "draft" (for review) or "published" (as they were)' })
  mode!: ImportMode;

  /** The staff account named as author (drafts are theirs to submit; published items name them). */
  @IsString({ message: 'must be a staff username' })
  @IsNotEmpty({ message: 'must be a staff username' })
  authorUsername!: string;

  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => Defaults)
  defaults!: Defaults;

  @Omittable()
  @IsArray({ message: 'must be a list of rules' })
  @ValidateNested({ each: true })
  @Type(() => MappingRule)
  rules?: MappingRule[];

  @Omittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => ListSettings)
  list?: ListSettings;

  @Omittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => FeedSettings)
  feed?: FeedSettings;

  @Omittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => DetailSelectors)
  detail?: DetailSelectors;

  @Omittable()
  @IsObject({ message: 'must be an object' })
  @ValidateNested()
  @Type(() => FetchSettings)
  fetch?: FetchSettings;
}

export class LegacySourcesFile {
  @IsArray({ message: 'must be a list of sources' })
  @ValidateNested({ each: true })
  @Type(() => LegacySource)
  sources!: LegacySource[];
}

/** A source with its fetch settings filled in. */
export type ResolvedSource = Omit<LegacySource, 'fetch'> & { fetch: { timeoutMs: number; maxBytes: number; concurrency: number; charset: string | null } };

export const FETCH_DEFAULTS = { timeoutMs: 15_000, maxBytes: 2 * 1024 * 1024, concurrency: 4 } as const;

export class SourcesFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`PORTAL_SOURCES_FILE ${file}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SourcesFileError';
  }
}

/** Field selectors may be written as a bare CSS selector; they are read as { selector }. */
const SELECTOR_FIELDS = ['title', 'body', 'date', 'documentNo', 'indexNo', 'column'];

/** Reads and checks the whole file; returns the source named `name` and where it is in the file (for messages). */
export function loadSource(file: string, name: string): { source: ResolvedSource; at: string } {
  const sources = loadSources(file);
  const index = sources.findIndex((s) => s.name === name);
  if (index < 0) throw new SourcesFileError(file, [`no source named "${name}" (the file has ${sources.map((s) => `"${s.name}"`).join(', ') || 'none'})`]);
  return { source: sources[index]!, at: `sources[${index}]` };
}

export function loadSources(file: string): ResolvedSource[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SourcesFileError(file, [`cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SourcesFileError(file, ['must be a JSON object with "sources": [...]']);
  for (const source of Array.isArray((raw as { sources?: unknown }).sources) ? ((raw as { sources: unknown[] }).sources) : []) {
    const detail = (source as { detail?: unknown } | null)?.detail;
    if (typeof detail !== 'object' || detail === null) continue;
    for (const key of SELECTOR_FIELDS) {
      const value = (detail as Record<string, unknown>)[key];
      if (typeof value === 'string') (detail as Record<string, unknown>)[key] = { selector: value };
    }
  }
  const parsed = plainToInstance(LegacySourcesFile, raw);
  const problems = flatten(validateSync(parsed, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true }));
  parsed.sources?.forEach((s, i) => problems.push(...kindProblems(s, `sources[${i}]`)));
  const names = new Set<string>();
  parsed.sources?.forEach((s, i) => {
    if (names.has(s.name)) problems.push(`sources[${i}].name: "${s.name}" is used twice`);
    names.add(s.name);
  });
  if (problems.length) throw new SourcesFileError(file, problems);
  return parsed.sources.map((s) => ({ ...s, fetch: { ...FETCH_DEFAULTS, ...s.fetch, charset: s.fetch?.charset ?? null } }));
}

/** What one kind needs that the other does not. */
function kindProblems(s: LegacySource, at: string): string[] {
  const problems: string[] = [];
  if (s.kind === 'html') {
    if (!s.list) problems.push(`${at}.list: is required for an html source`);
    if (!s.detail) problems.push(`${at}.detail: is required for an html source`);
    if (s.feed) problems.push(`${at}.feed: is for feed sources only`);
  } else {
    if (!s.feed) problems.push(`${at}.feed: is required for a feed source`);
    if (s.list) problems.push(`${at}.list: is for html sources only`);
  }
  if (s.kind === 'html' && s.mode === 'published' && s.detail && !s.detail.date) {
    problems.push(`${at}.detail.date: is required when mode is "published" (legacy items keep their original date)`);
  }
  return problems;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  const out: string[] = [];
  for (const error of errors) {
    const key = /^\d+$/.test(error.property) ? `[${error.property}]` : prefix ? `.${error.property}` : error.property;
    const field = `${prefix}${key}`;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push(`${field}: ${rule === 'whitelistValidation' ? 'is not a known setting' : message}`);
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/** What decides a page's import (extraction and mapping, not fetching): a page imported under other settings is read again. */
export function configHash(s: ResolvedSource): string {
  const { fetch: _fetch, label: _label, ...rest } = s;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
}
