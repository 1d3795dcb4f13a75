import { Injectable } from '@nestjs/common';
import { DEFAULT_SYNONYM_GROUPS, type SynonymGroupInput, type SynonymGroupView } from '@gongkai/shared';
import type { StaffPrincipal } from '../../common/auth/staff-principal';
import type { RequestMeta } from '../../common/http/request-meta';

/** STUB (groundwork): the synonym groups staff edit. */
@Injectable()
export class SynonymsService {
  /** Every group's terms (normalised), for the search engine; read once per content version. */
  async groups(): Promise<string[][]> {
    return DEFAULT_SYNONYM_GROUPS.map((g) => [...g]);
  }

  async list(): Promise<SynonymGroupView[]> {
    throw new Error('not implemented');
  }

  async create(_staff: StaffPrincipal, _input: SynonymGroupInput, _meta: RequestMeta): Promise<SynonymGroupView> {
    throw new Error('not implemented');
  }

  async update(_staff: StaffPrincipal, _id: number, _input: SynonymGroupInput, _meta: RequestMeta): Promise<SynonymGroupView> {
    throw new Error('not implemented');
  }

  async remove(_staff: StaffPrincipal, _id: number, _version: number, _meta: RequestMeta): Promise<void> {
    throw new Error('not implemented');
  }
}
