import { Injectable } from '@nestjs/common';
import type { ConsentKind } from '@gongkai/shared';
import type { EntityManager } from 'typeorm';
import { Db } from '../database/db';
import { PrivacyConsent } from './entities/privacy-consent.entity';

/** The queries of consent records: append, the latest of each kind, a parent's history. */
@Injectable()
export class ConsentsRepository {
  constructor(private readonly db: Db) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.db.dataSource.manager;
  }

  async insert(m: EntityManager, row: Omit<PrivacyConsent, 'id'>): Promise<number> {
    const result = await m.insert(PrivacyConsent, row);
    return Number(result.identifiers[0]!.id);
  }

  /** The latest record of one kind: the consent as it stands. */
  latest(parentId: number, kind: ConsentKind, m?: EntityManager): Promise<PrivacyConsent | null> {
    return this.m(m).findOne(PrivacyConsent, { where: { parentId, kind }, order: { id: 'DESC' } });
  }

  /** Every record of the parent, newest first. */
  history(parentId: number, m?: EntityManager): Promise<PrivacyConsent[]> {
    return this.m(m).find(PrivacyConsent, { where: { parentId }, order: { id: 'DESC' } });
  }
}
