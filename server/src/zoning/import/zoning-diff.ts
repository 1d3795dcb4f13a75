import type { ZoningDiff } from '@gongkai/shared';
import type { ZoningTableData } from '../zoning-data';

/** What `next` changes against `previous` (GROUNDWORK STUB: the import helper replaces this body). */
export function diffZoningTables(_previous: ZoningTableData | null, _next: ZoningTableData): Omit<ZoningDiff, 'from' | 'to'> {
  throw new Error('not implemented');
}
