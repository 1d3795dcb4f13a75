import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { UNIT_KINDS, type UnitKind } from '@gongkai/shared';
import { Unit } from './identity/entities/unit.entity';
import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { runMigrations } from './database/migrate';
import { ENTITIES } from './entities';
import { StaffAccount } from './identity/entities/staff-account.entity';
import { hashPassword } from './identity/password';
import { Db } from './database/db';
import { ContentVersionRepository } from './common/cache/content-version.repository';
import { installDataKeys } from './privacy/crypto/data-keys';
import { installMigrationObjectStore } from './database/migration-object-store';
import { createObjectStore } from './storage/create-object-store';
import { EncryptedColumnsRepository } from './privacy/crypto/encrypted-columns.repository';
import { ReencryptService, format } from './privacy/crypto/reencrypt.service';
import { createCommandContext } from './command-context';
import { LegacyImportModule } from './portal/legacy/legacy-import.module';
import { PORTAL_USAGE, portalCommand } from './portal/legacy/portal-command';
import { ZONING_USAGE, zoningCommand } from './zoning/import/zoning-command';
import { ZoningModule } from './zoning/zoning.module';

/** The part of better-sqlite3 (TypeORM's SQLite driver; the package ships no types) the backup uses. */
interface SqliteFile {
  pragma(source: string, options?: { simple: boolean }): unknown;
  backup(destination: string): Promise<unknown>;
  close(): void;
}
const Database = require('better-sqlite3') as new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => SqliteFile;

const USAGE = `Gongkai server commands (run with the same environment as the server):
  migrate                         apply pending database migrations, then exit
  create-admin --username NAME --unit-code CODE [--unit-name NAME] [--unit-kind bureau_office|school]
                                  create the first admin account (and its unit when missing);
                                  the password comes from ADMIN_PASSWORD or is generated and printed
  backup --to FILE                copy the embedded SQLite database to FILE (a new file), safely while
                                  the server runs; on MySQL use mysqldump (see README, Backup and restore)
  reencrypt                       after a key rotation: re-seal every encrypted value with the first key
                                  of DATA_KEYS (plaintext and older keys); prints counts per column,
                                  safe while the server runs
${PORTAL_USAGE}
${ZONING_USAGE}`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 64;
  }
  const config = loadConfig();
  // Before the DataSource: a backup reads the file as it is and never migrates it.
  if (command === 'backup') return backup(config, option(args, 'to'));
  // Encrypted columns read and write through these keys (the same as the server's).
  const keys = installDataKeys(config.privacy);
  // A migration that moves bytes out of the database writes them to the configured storage.
  const objects = createObjectStore(config.storage);
  installMigrationObjectStore(objects);
  // Commands that need the server's services run in an application context of their own (it migrates too).
  if (command === 'portal') return portalCommand(args, () => createCommandContext(config, objects, LegacyImportModule), USAGE);
  if (command === 'zoning') return zoningCommand(args, () => createCommandContext(config, objects, ZoningModule), USAGE);
  const dataSource = await new DataSource(dataSourceOptions(config, ENTITIES)).initialize();
  try {
    await runMigrations(dataSource);
    if (command === 'migrate') {
      console.log('migrations applied');
      return 0;
    }
    if (command === 'create-admin') {
      const username = option(args, 'username');
      const unitCode = option(args, 'unit-code');
      const kind = (option(args, 'unit-kind') ?? 'bureau_office') as UnitKind;
      if (!username || !/^[a-z][a-z0-9_.-]{2,49}$/.test(username) || !unitCode || !/^[A-Z0-9]{2,40}$/.test(unitCode) || !UNIT_KINDS.includes(kind)) {
        console.error(USAGE);
        return 64;
      }
      let unit = await dataSource.getRepository(Unit).findOneBy({ code: unitCode });
      if (!unit) {
        const name = option(args, 'unit-name');
        if (!name) {
          console.error(`unit ${unitCode} does not exist: give --unit-name to create it`);
          return 64;
        }
        const created = Object.assign(new Unit(), { code: unitCode, name, kind, sortOrder: 0 });
        // A running server holds the catalogue until its version changes: tell it of the new unit.
        unit = await dataSource.transaction(async (m) => {
          const saved = await m.getRepository(Unit).save(created);
          await new ContentVersionRepository(new Db(dataSource)).bump(m, 'catalog');
          return saved;
        });
      }
      if (await dataSource.getRepository(StaffAccount).findOneBy({ username })) {
        console.error(`username ${username} is taken`);
        return 65;
      }
      const password = process.env.ADMIN_PASSWORD || randomBytes(12).toString('base64url');
      await dataSource.getRepository(StaffAccount).save(
        Object.assign(new StaffAccount(), { username, displayName: '系统管理员', passwordHash: await hashPassword(password), unitId: unit.id, roles: ['admin'], active: true }),
      );
      console.log(`admin ${username} created in ${unit.name}${process.env.ADMIN_PASSWORD ? '' : `; password: ${password}`}`);
      return 0;
    }
    if (command === 'reencrypt') {
      const db = new Db(dataSource);
      const counts = await new ReencryptService(db, new EncryptedColumnsRepository(db), keys.cipher, keys.hasher).reencryptAll();
      console.log(`re-encrypted with data key ${keys.cipher.currentKeyId}: ${format(counts)}`);
      const unreadable = counts.reduce((n, c) => n + c.unreadable, 0);
      if (unreadable) {
        console.error(`${unreadable} value(s) could not be opened (sealed with a key DATA_KEYS does not hold, or changed) and were left as they are: put the old key back into DATA_KEYS and run reencrypt again`);
        return 65;
      }
      return 0;
    }
    console.error(`unknown command ${command}\n${USAGE}`);
    return 64;
  } finally {
    await dataSource.destroy();
  }
}

/**
 * An online backup of the embedded database with SQLite's backup API (better-sqlite3): every page
 * copied in one step inside one read transaction, so the copy is consistent while the server goes
 * on writing (WAL). Written next to FILE and renamed once checked, so FILE is never half a backup.
 */
async function backup(config: AppConfig, to: string | undefined): Promise<number> {
  if (config.database.type === 'mysql') {
    console.error(
      [
        'backup copies the embedded SQLite database; this server uses MySQL (DATABASE_URL).',
        'Back MySQL up with mysqldump, for example:',
        `  mysqldump --single-transaction --routines --triggers --hex-blob --default-character-set=utf8mb4 ${new URL(config.database.url).pathname.slice(1)} > backup.sql`,
        'and keep JWT_SECRET with it (see "Backup and restore" in README.md).',
      ].join('\n'),
    );
    return 64;
  }
  if (!to) {
    console.error(USAGE);
    return 64;
  }
  const target = resolve(to);
  const partial = `${target}.partial`;
  if (existsSync(target) || existsSync(partial)) {
    console.error(`${existsSync(target) ? target : partial} already exists: give a new file`);
    return 73;
  }
  if (!existsSync(config.database.path)) {
    console.error(`no database at ${config.database.path} (is DATA_DIR right?)`);
    return 66;
  }
  const source = new Database(config.database.path, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // better-sqlite3 copies all pages in its first step unless told otherwise.
    await source.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 74;
  } finally {
    source.close();
  }
  // The copy carries the server's WAL mode: back to a rollback journal, so it is one self-contained file.
  const copy = new Database(partial);
  copy.pragma('journal_mode = DELETE');
  const check = copy.pragma('quick_check', { simple: true });
  copy.close();
  if (check !== 'ok') {
    rmSync(partial, { force: true });
    console.error(`the copy failed its check (${String(check)}); nothing written`);
    return 74;
  }
  renameSync(partial, target);
  console.log(`backup of ${config.database.path} written to ${target} (${statSync(target).size} bytes); keep DATA_DIR/jwt-secret (or JWT_SECRET) with it`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
