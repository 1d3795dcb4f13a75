import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';

/** STUB (groundwork): every query of search_query_day. */
@Injectable()
export class SearchLogRepository {
  constructor(readonly db: Db) {}
}
