import { Injectable } from '@nestjs/common';

/** STUB (groundwork). */
@Injectable()
export class SearchService {}
