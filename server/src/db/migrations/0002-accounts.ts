import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { SEED_CATEGORIES } from './seed-categories.js';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const timestamp = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });

/** Accounts and discovery: refresh tokens, categories (seeded), follows, publish tokens, channel profile. */
export class Accounts1764000000002 implements MigrationInterface {
  name = 'Accounts1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('channels', [
      new TableColumn({ name: 'description', type: 'varchar', length: '2000', default: "''" }),
      new TableColumn({ name: 'tags', type: 'varchar', length: '400', default: "'[]'" }),
      new TableColumn({ name: 'language', type: 'varchar', length: '8', default: "'ko'" }),
      new TableColumn({ name: 'thumbnail_at', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    await q.createIndex('channels', new TableIndex({ name: 'idx_channels_owner', columnNames: ['owner_id'] }));
    await q.createTable(
      new Table({
        name: 'refresh_tokens',
        columns: [
          id,
          { name: 'user_id', type: 'integer' },
          { name: 'family_id', type: 'varchar', length: '32' },
          { name: 'token_hash', type: 'varchar', length: '64', isUnique: true },
          timestamp('expires_at'),
          timestamp('used_at', true),
          timestamp('revoked_at', true),
          timestamp('created_at'),
        ],
        indices: [{ name: 'idx_refresh_family', columnNames: ['family_id'] }, { name: 'idx_refresh_user', columnNames: ['user_id'] }],
        foreignKeys: [fk('user_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'categories',
        columns: [
          { name: 'slug', type: 'varchar', length: '32', isPrimary: true },
          { name: 'name_ko', type: 'varchar', length: '64' },
          { name: 'name_en', type: 'varchar', length: '64' },
          { name: 'sort_order', type: 'integer', default: 0 },
        ],
      }),
    );
    for (const [i, c] of SEED_CATEGORIES.entries()) {
      await q.query('INSERT INTO categories (slug, name_ko, name_en, sort_order) VALUES (?, ?, ?, ?)', [c.slug, c.nameKo, c.nameEn, i]);
    }
    await q.createTable(
      new Table({
        name: 'follows',
        columns: [
          { name: 'user_id', type: 'integer', isPrimary: true },
          { name: 'channel_id', type: 'integer', isPrimary: true },
          timestamp('created_at'),
        ],
        indices: [{ name: 'idx_follows_channel', columnNames: ['channel_id'] }],
        foreignKeys: [fk('user_id', 'users'), fk('channel_id', 'channels')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'publish_tokens',
        columns: [
          id,
          { name: 'channel_id', type: 'integer' },
          { name: 'key_id', type: 'varchar', length: '16', isUnique: true },
          { name: 'token_hash', type: 'varchar', length: '64' },
          timestamp('expires_at'),
          timestamp('created_at'),
        ],
        foreignKeys: [fk('channel_id', 'channels')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('publish_tokens');
    await q.dropTable('follows');
    await q.dropTable('categories');
    await q.dropTable('refresh_tokens');
    await q.dropIndex('channels', 'idx_channels_owner');
    for (const c of ['thumbnail_at', 'language', 'tags', 'description']) await q.dropColumn('channels', c);
  }
}
