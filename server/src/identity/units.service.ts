import { Injectable } from '@nestjs/common';
import type { UnitKind } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { UnitsRepository } from './units.repository';

/** A unit as other modules see it. */
export interface UnitRecord {
  id: number;
  code: string;
  name: string;
  kind: UnitKind;
  sortOrder: number;
  createdAt: Date;
  updatedAt: Date;
}

export type UnitValues = Partial<Pick<UnitRecord, 'code' | 'name' | 'kind' | 'sortOrder'>>;

/**
 * Units (科室 and schools) for the modules above identity: the catalog lists them, writes its
 * admin edits through here and names them in notices; publishing reads their codes for the 索引号.
 * Reads through `m` when given (inside the caller's transaction).
 */
@Injectable()
export class UnitsService {
  constructor(private readonly repo: UnitsRepository) {}

  list(m?: EntityManager): Promise<UnitRecord[]> {
    return this.repo.list(m);
  }

  byIds(ids: number[], m?: EntityManager): Promise<UnitRecord[]> {
    return this.repo.byIds([...new Set(ids)], m);
  }

  byCode(m: EntityManager, code: string): Promise<UnitRecord | null> {
    return this.repo.byCode(m, code);
  }

  create(m: EntityManager, values: UnitValues): Promise<UnitRecord> {
    return this.repo.insert(m, values);
  }

  update(m: EntityManager, id: number, values: UnitValues): Promise<UnitRecord> {
    return this.repo.update(m, id, values);
  }
}
