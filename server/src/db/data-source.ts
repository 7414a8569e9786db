import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { Config } from '../config.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

/** Builds the TypeORM data source for SQLite (embedded default) or MySQL. Schema changes only through migrations. */
export function createDataSource(database: Config['database']): DataSource {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false } as const;
  let options: DataSourceOptions;
  if (database.type === 'sqlite') {
    mkdirSync(path.dirname(database.file), { recursive: true });
    options = {
      ...common,
      type: 'better-sqlite3',
      database: database.file,
      // WAL lets `npx lait` write while the server reads; busy_timeout waits instead of failing on a lock.
      enableWAL: true,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  } else {
    options = {
      ...common,
      type: 'mysql',
      url: database.url,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      connectTimeout: 5000,
      extra: { connectionLimit: 10, enableKeepAlive: true },
    };
  }
  return new DataSource(options);
}

/** Opens the connection and applies pending migrations. */
export async function openDatabase(database: Config['database']): Promise<DataSource> {
  if (database.type === 'mysql') await ensureMysqlDatabase(database.url);
  const ds = createDataSource(database);
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}

/** MySQL: creates the database named in the URL if it is missing, so a fresh server needs only credentials. */
export async function ensureMysqlDatabase(url: string): Promise<void> {
  const { createConnection } = await import('mysql2/promise');
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`DATABASE_URL: database name "${name}" must be letters, digits and _`);
  parsed.pathname = '/';
  const conn = await createConnection({ uri: parsed.toString(), connectTimeout: 5000 });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}
