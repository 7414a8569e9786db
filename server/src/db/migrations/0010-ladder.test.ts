import { afterEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { createDataSource, openDatabase } from '../data-source.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../test/databases.js';
import { ChannelEntity } from '../entities.js';
import { migrations } from './index.js';

const configOf = (db: TestDatabase) =>
  db.url.startsWith('mysql://') ? { type: 'mysql' as const, url: db.url } : { type: 'sqlite' as const, file: db.url.slice('sqlite:'.length) };

describe.each(DATABASE_KINDS)('migration 0010 ladder_enabled and playable_at (%s)', (kind) => {
  let db: TestDatabase | undefined;
  afterEach(async () => db?.drop());

  it('turns the ladder on for every channel and keeps a channel live across the upgrade shown live', async () => {
    db = await createTestDatabase(kind);
    const before = new DataSource({ ...createDataSource(configOf(db)).options, migrations: migrations.slice(0, migrations.length - 1) });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const insert = 'INSERT INTO channels (slug, title, playback_id, live, live_since, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)';
    const now = '2026-12-01 00:00:00.000';
    await before.query(insert, ['onair', 'On air', 'pbOnAir000000001', 1, now, now, now]);
    await before.query(insert, ['quiet', 'Quiet', 'pbQuiet000000002', 0, null, now, now]);
    await before.destroy();

    const after = await openDatabase(configOf(db));
    try {
      const rows = await after.getRepository(ChannelEntity).find({ order: { id: 'ASC' } });
      expect(rows.map((r) => [r.slug, r.ladderEnabled, r.playableAt === null ? null : new Date(r.playableAt).toISOString()])).toEqual([
        ['onair', true, '2026-12-01T00:00:00.000Z'],
        ['quiet', true, null],
      ]);
      await after.getRepository(ChannelEntity).update({ slug: 'quiet' }, { ladderEnabled: false });
      expect((await after.getRepository(ChannelEntity).findOneByOrFail({ slug: 'quiet' })).ladderEnabled).toBe(false);
      // The entity and the migrated column agree. (SQLite's rebuilds and MySQL's CHANGE of nullable
      // datetime(3) columns, grace_until's too, are TypeORM's own noise and predate this migration.)
      const drift = (await after.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query).filter((q) => q.startsWith('ALTER') && q.includes('ladder_enabled'));
      expect(drift).toEqual([]);
    } finally {
      await after.destroy();
    }
  });

  it('goes down and up again', async () => {
    db = await createTestDatabase(kind);
    const ds = await openDatabase(configOf(db));
    try {
      await ds.undoLastMigration({ transaction: 'each' });
      const columns = (await ds.createQueryRunner().getTable('channels'))!.columns.map((c) => c.name);
      expect(columns).not.toContain('ladder_enabled');
      await ds.runMigrations({ transaction: 'each' });
      const again = (await ds.createQueryRunner().getTable('channels'))!.columns.map((c) => c.name);
      expect(again).toEqual(expect.arrayContaining(['ladder_enabled', 'playable_at']));
    } finally {
      await ds.destroy();
    }
  });
});
