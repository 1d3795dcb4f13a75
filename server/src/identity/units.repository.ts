import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { Unit } from './entities/unit.entity';

/** Queries on units (科室 and schools); other modules reach them through UnitsService. */
@Injectable()
export class UnitsRepository {
  constructor(private readonly db: Db) {}

  list(m: EntityManager = this.db.dataSource.manager): Promise<Unit[]> {
    return m.find(Unit, { order: { sortOrder: 'ASC', id: 'ASC' } });
  }

  byIds(ids: number[], m: EntityManager = this.db.dataSource.manager): Promise<Unit[]> {
    return ids.length ? m.findBy(Unit, { id: In(ids) }) : Promise.resolve([]);
  }

  byCode(m: EntityManager, code: string): Promise<Unit | null> {
    return m.findOne(Unit, { where: { code } });
  }

  async insert(m: EntityManager, values: Partial<Unit>): Promise<Unit> {
    const inserted = await m.insert(Unit, values);
    return m.findOneByOrFail(Unit, { id: Number(inserted.identifiers[0]!.id) });
  }

  async update(m: EntityManager, id: number, values: Partial<Unit>): Promise<Unit> {
    if (Object.values(values).some((v) => v !== undefined)) await m.update(Unit, { id }, values);
    return m.findOneByOrFail(Unit, { id });
  }
}
