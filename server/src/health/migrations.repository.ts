import { Injectable } from '@nestjs/common';
import { MigrationExecutor } from 'typeorm';
import { Db } from '../database/db';

/** The one query health needs: which migrations of this build the database has not run. */
@Injectable()
export class MigrationsRepository {
  constructor(private readonly db: Db) {}

  async pending(): Promise<string[]> {
    return (await new MigrationExecutor(this.db.dataSource).getPendingMigrations()).map((m) => m.name);
  }
}
