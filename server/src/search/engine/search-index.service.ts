import { Injectable } from '@nestjs/common';

/** STUB (groundwork): the in-memory index. */
@Injectable()
export class SearchIndexService {}
