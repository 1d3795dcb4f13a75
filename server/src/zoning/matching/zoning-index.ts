import type { ZoningApplicant, ZoningLookupResult, ZoningPlaceOption } from '@gongkai/shared';
import type { ZoningTableData } from '../zoning-data';

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

/**
 * A year's table prepared for lookups (GROUNDWORK STUB: the matching helper replaces this body).
 * Pure and in memory: built once per table in effect, then every lookup is a few map reads.
 */
export class ZoningIndex {
  constructor(readonly data: ZoningTableData) {}

  lookup(_query: ZoningQuery): ZoningMatch {
    throw new Error('not implemented');
  }

  /** The cascade's next level under `town` / `village` (none given: the towns). */
  places(_town?: string, _village?: string): ZoningPlaceOption[] {
    throw new Error('not implemented');
  }

  /** The text kept of a query that found nothing: normalised, house number kept, rooms and units dropped. */
  missText(_query: ZoningQuery): string | null {
    throw new Error('not implemented');
  }
}
