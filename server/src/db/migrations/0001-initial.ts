import { Table, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const };
const timestamp = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/** Users, channels and stream sessions. Written with the Table API so one migration serves SQLite and MySQL. */
export class Initial1764000000001 implements MigrationInterface {
  name = 'Initial1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id,
          { name: 'email', type: 'varchar', length: '254', isNullable: true, isUnique: true },
          { name: 'nickname', type: 'varchar', length: '32', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '255', isNullable: true },
          { name: 'kakao_id', type: 'varchar', length: '64', isNullable: true, isUnique: true },
          timestamp('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'channels',
        columns: [
          id,
          { name: 'owner_id', type: 'integer', isNullable: true },
          { name: 'slug', type: 'varchar', length: '32', isUnique: true },
          { name: 'title', type: 'varchar', length: '140' },
          { name: 'category', type: 'varchar', length: '64', isNullable: true },
          { name: 'playback_id', type: 'varchar', length: '32', isUnique: true },
          { name: 'stream_key_id', type: 'varchar', length: '16', isNullable: true, isUnique: true },
          { name: 'stream_key_hash', type: 'varchar', length: '64', isNullable: true },
          { name: 'live', type: 'boolean', default: false },
          timestamp('live_since', true),
          { name: 'live_client_id', type: 'varchar', length: '32', isNullable: true },
          { name: 'current_session_id', type: 'integer', isNullable: true },
          timestamp('created_at'),
          timestamp('updated_at'),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['owner_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'stream_sessions',
        columns: [
          id,
          { name: 'channel_id', type: 'integer' },
          timestamp('started_at'),
          timestamp('ended_at', true),
          { name: 'peak_viewers', type: 'integer', default: 0 },
          { name: 'end_reason', type: 'varchar', length: '32', isNullable: true },
        ],
        indices: [{ name: 'idx_sessions_channel', columnNames: ['channel_id', 'started_at'] }],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['channel_id'], referencedTableName: 'channels', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('stream_sessions');
    await q.dropTable('channels');
    await q.dropTable('users');
  }
}
