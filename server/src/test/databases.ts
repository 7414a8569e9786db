import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/** MariaDB/MySQL the tests use: the machine's local server unless LAIT_TEST_MYSQL_URL says otherwise. */
const MYSQL_BASE = process.env['LAIT_TEST_MYSQL_URL'] ?? 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  readonly kind: 'sqlite' | 'mysql';
  readonly url: string;
  drop(): Promise<void>;
}

export type DatabaseKind = TestDatabase['kind'];
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'mysql'];

/** A fresh, empty database of the given kind; `drop()` removes it. Fails loudly when MySQL is not reachable. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'lait-db-'));
    return { kind, url: `sqlite:${path.join(dir, 'test.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `lait_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let conn;
  try {
    conn = await createConnection({ uri: `${MYSQL_BASE}/`, connectTimeout: 5000 });
  } catch (err) {
    throw new Error(
      `MySQL/MariaDB is not reachable at ${MYSQL_BASE} (${(err as Error).message}). ` +
        'Start it (npm test does: see scripts/services.mjs) or set LAIT_TEST_MYSQL_URL.',
    );
  }
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return {
    kind,
    url: `${MYSQL_BASE}/${name}`,
    async drop() {
      const c = await createConnection({ uri: `${MYSQL_BASE}/` });
      await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await c.end();
    },
  };
}
