import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UNIT_KINDS, type UnitKind } from '@gongkai/shared';
import { Unit } from './catalog/entities/unit.entity';
import { ConfigError, loadConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { runMigrations } from './database/migrate';
import { StaffAccount } from './identity/entities/staff-account.entity';
import { hashPassword } from './identity/password';

const USAGE = `Gongkai server commands (run with the same environment as the server):
  migrate                         apply pending database migrations, then exit
  create-admin --username NAME --unit-code CODE [--unit-name NAME] [--unit-kind bureau_office|school]
                                  create the first admin account (and its unit when missing);
                                  the password comes from ADMIN_PASSWORD or is generated and printed`;

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
  const dataSource = await new DataSource(dataSourceOptions(config)).initialize();
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
        unit = await dataSource.getRepository(Unit).save(Object.assign(new Unit(), { code: unitCode, name, kind, sortOrder: 0 }));
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
    console.error(`unknown command ${command}\n${USAGE}`);
    return 64;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(error instanceof ConfigError ? 78 : 1);
  },
);
