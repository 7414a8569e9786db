import { afterEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { createDataSource, openDatabase } from '../data-source.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../test/databases.js';
import { migrations } from './index.js';

const configOf = (db: TestDatabase) =>
  db.url.startsWith('mysql://') ? { type: 'mysql' as const, url: db.url } : { type: 'sqlite' as const, file: db.url.slice('sqlite:'.length) };

describe.each(DATABASE_KINDS)('migration 0005 email_verified (%s)', (kind) => {
  let db: TestDatabase | undefined;
  afterEach(async () => db?.drop());

  it('marks only accounts Kakao created as verified; a password account linked by email stays unverified', async () => {
    db = await createTestDatabase(kind);
    const before = new DataSource({ ...createDataSource(configOf(db)).options, migrations: migrations.slice(0, 4) });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const insert = 'INSERT INTO users (email, nickname, password_hash, kakao_id, created_at) VALUES (?, ?, ?, ?, ?)';
    const now = '2026-11-01 00:00:00.000';
    await before.query(insert, ['kakao@kakao.test', 'kakaoonly', null, '1', now]);
    await before.query(insert, ['linked@lait.test', 'linked', '$argon2id$x', '2', now]);
    await before.query(insert, ['pw@lait.test', 'pwonly', '$argon2id$y', null, now]);
    await before.query(insert, [null, 'noemail', null, '3', now]);
    await before.destroy();

    const after = await openDatabase(configOf(db));
    try {
      const rows: Array<{ nickname: string; email_verified: number | boolean }> = await after.query('SELECT nickname, email_verified FROM users ORDER BY id');
      expect(rows.map((r) => [r.nickname, Boolean(Number(r.email_verified))])).toEqual([
        ['kakaoonly', true],
        ['linked', false],
        ['pwonly', false],
        ['noemail', false],
      ]);
      await after.query(insert, ['new@lait.test', 'newuser', '$argon2id$z', null, now]);
      const [fresh] = await after.query("SELECT email_verified FROM users WHERE nickname = 'newuser'");
      expect(Boolean(Number(fresh.email_verified))).toBe(false);
      // The entity and the migrated column agree: TypeORM would change nothing about it.
      const drift = (await after.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query).filter((q) => q.includes('email_verified'));
      expect(drift).toEqual([]);
    } finally {
      await after.destroy();
    }
  });
});
