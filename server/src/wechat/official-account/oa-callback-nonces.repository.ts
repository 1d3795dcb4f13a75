import { Injectable } from '@nestjs/common';
import { LessThan } from 'typeorm';
import { Db } from '../../database/db';
import { OaCallbackNonce } from './entities/oa-callback-nonce.entity';

/** The signed (timestamp, nonce) pairs the callback has seen, shared by every instance. */
@Injectable()
export class OaCallbackNoncesRepository {
  constructor(private readonly db: Db) {}

  /** Claims the pair for `messageKey` (INSERT IGNORE: the first message to come with it owns it); answers the owner's key. */
  async claim(signedPair: string, messageKey: string, expiresAt: Date): Promise<string | null> {
    await this.db.write((m) => m.createQueryBuilder().insert().into(OaCallbackNonce).values({ signedPair, messageKey, expiresAt }).orIgnore().execute());
    await this.db.settled();
    return (await this.db.dataSource.getRepository(OaCallbackNonce).findOneBy({ signedPair }))?.messageKey ?? null;
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.db.write((m) => m.delete(OaCallbackNonce, { expiresAt: LessThan(now) }));
  }
}
