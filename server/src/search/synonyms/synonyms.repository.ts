import { Injectable } from '@nestjs/common';
import { Db } from '../../database/db';

/** STUB (groundwork): every query of search_synonym_group and search_synonym_term. */
@Injectable()
export class SynonymsRepository {
  constructor(readonly db: Db) {}
}
