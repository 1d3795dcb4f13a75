import { Injectable } from '@nestjs/common';
import type { SearchInsight } from '@gongkai/shared';

/** STUB (groundwork): what parents searched, masked and counted per day, without identity. */
@Injectable()
export class SearchLog {
  /** Counts one search (the folded query; masked before it is kept) and how many results it found. Never throws, never awaits. */
  record(_query: string, _found: number): void {}

  /** Queries others searched recently that found something, most searched first (suggestions while typing). */
  async popular(_limit: number): Promise<string[]> {
    return [];
  }

  async insight(_from: string, _to: string): Promise<SearchInsight> {
    throw new Error('not implemented');
  }
}
