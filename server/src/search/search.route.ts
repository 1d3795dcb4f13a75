import { Injectable } from '@nestjs/common';

/** Under the API prefix (`API_PREFIX` in app.ts), which Nest's global prefix does not add to a Fastify route. */
export const SEARCH_PATH = '/api/v1/search';
export const SUGGEST_PATH = '/api/v1/search/suggest';

/** STUB (groundwork). */
@Injectable()
export class SearchRoute {}
