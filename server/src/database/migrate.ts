import { DataSource } from 'typeorm';

/**
 * Runs pending migrations. On MySQL several instances may start at once, so they take a named
 * lock first and the others wait, then find nothing left to run. SQLite has one process.
 */
export async function runMigrations(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'mysql') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    const [row] = (await runner.query("SELECT GET_LOCK('gongkai_migrations', 300) AS locked")) as { locked: number | string | null }[];
    if (Number(row?.locked) !== 1) throw new Error('could not take the migration lock within 300 s');
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query("SELECT RELEASE_LOCK('gongkai_migrations')");
    }
  } finally {
    await runner.release();
  }
}
