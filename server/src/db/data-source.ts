import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import type { Config } from '../config.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

export interface DataSourceHooks {
  /** Called for every failed statement (metrics); the error itself reaches the caller as usual. */
  onQueryError?: () => void;
}

/** TypeORM calls a custom logger for every failed query whatever `logging` says; the rest stays silent. */
function hookLogger(hooks: DataSourceHooks): Logger {
  const quiet = () => {};
  return { logQuery: quiet, logQuerySlow: quiet, logSchemaBuild: quiet, logMigration: quiet, log: quiet, logQueryError: () => hooks.onQueryError?.() };
}

/** Builds the TypeORM data source for SQLite (embedded default) or MySQL. Schema changes only through migrations. */
export function createDataSource(database: Config['database'], hooks: DataSourceHooks = {}): DataSource {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: false, logger: hookLogger(hooks) } as const;
  let options: DataSourceOptions;
  if (database.type === 'sqlite') {
    restrictSqliteFile(database.file);
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

/**
 * The database holds password hashes and session tokens: owner-only. A directory we create is
 * 0700; the file is 0600 (an existing one too), and SQLite creates -wal and -shm with the main
 * file's mode. @see https://www.sqlite.org/tempfiles.html
 */
function restrictSqliteFile(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

/** Opens the connection and applies pending migrations. */
export async function openDatabase(database: Config['database'], hooks: DataSourceHooks = {}): Promise<DataSource> {
  if (database.type === 'mysql') await ensureMysqlDatabase(database.url);
  const ds = createDataSource(database, hooks);
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
