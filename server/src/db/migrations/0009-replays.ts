import { Table, TableColumn, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

const timestamp = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/** Be right back (a grace on the channel), per-channel VOD settings, the videos kept from broadcasts, and clips. */
export class Replays1764000000009 implements MigrationInterface {
  name = 'Replays1764000000009';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('channels', [
      new TableColumn({ name: 'grace_until', type: 'datetime', precision: 3, isNullable: true }),
      new TableColumn({ name: 'record_vods', type: 'boolean', default: true }),
      new TableColumn({ name: 'vod_retention_days', type: 'integer', default: 30 }),
    ]);
    await q.createTable(
      new Table({
        name: 'videos',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'channel_id', type: 'integer' },
          { name: 'session_id', type: 'integer', isUnique: true },
          { name: 'title', type: 'varchar', length: '140' },
          { name: 'category', type: 'varchar', length: '64', isNullable: true },
          timestamp('started_at'),
          timestamp('ended_at', true),
          { name: 'duration_ms', type: 'integer', default: 0 },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'hidden', type: 'boolean', default: false },
          { name: 'storage', type: 'varchar', length: '8', default: "'local'" },
          timestamp('created_at'),
        ],
        indices: [
          { name: 'idx_videos_channel', columnNames: ['channel_id', 'started_at'] },
          { name: 'idx_videos_ended', columnNames: ['ended_at'] },
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['channel_id'], referencedTableName: 'channels', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'clips',
        columns: [
          { name: 'id', type: 'varchar', length: '16', isPrimary: true },
          { name: 'channel_id', type: 'integer' },
          { name: 'video_id', type: 'varchar', length: '16', isNullable: true },
          { name: 'created_by', type: 'integer' },
          { name: 'title', type: 'varchar', length: '140' },
          { name: 'duration_ms', type: 'integer' },
          timestamp('created_at'),
        ],
        indices: [{ name: 'idx_clips_channel', columnNames: ['channel_id', 'created_at'] }],
        foreignKeys: [new TableForeignKey({ columnNames: ['channel_id'], referencedTableName: 'channels', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('clips');
    await q.dropTable('videos');
    await q.dropColumns('channels', ['grace_until', 'record_vods', 'vod_retention_days']);
  }
}
