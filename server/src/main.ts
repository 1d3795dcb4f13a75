import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config/app-config';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: config.host });
  const where = config.database.type === 'sqlite' ? `SQLite ${config.database.path}` : 'MySQL';
  new Logger('Gongkai').log(`listening on http://localhost:${config.port} (API /api/v1, docs /api/docs, database ${where})`);
}

void main();
