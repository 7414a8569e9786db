import { Table, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

const timestamp = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'CASCADE' });
const channelPk = { name: 'channel_id', type: 'integer', isPrimary: true };
const userPk = { name: 'user_id', type: 'integer', isPrimary: true };

/** Chat: messages (per-channel sequence ids), settings, bans, timeouts, moderators, channel words. */
export class Chat1764000000003 implements MigrationInterface {
  name = 'Chat1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'chat_messages',
        columns: [
          channelPk,
          { name: 'id', type: 'bigint', isPrimary: true },
          { name: 'user_id', type: 'integer' },
          { name: 'nickname', type: 'varchar', length: '32' },
          { name: 'role', type: 'varchar', length: '16' },
          { name: 'text', type: 'varchar', length: '2000' },
          { name: 'nonce', type: 'varchar', length: '64' },
          timestamp('created_at'),
          timestamp('deleted_at', true),
        ],
        // A resent nonce hits this constraint instead of storing the message twice.
        uniques: [{ name: 'uq_chat_messages_nonce', columnNames: ['channel_id', 'user_id', 'nonce'] }],
        foreignKeys: [fk('channel_id', 'channels'), fk('user_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chat_settings',
        columns: [
          channelPk,
          { name: 'slow_mode_sec', type: 'integer', default: 0 },
          { name: 'followers_only_min', type: 'integer', isNullable: true },
          { name: 'filter_mode', type: 'varchar', length: '8', default: "'mask'" },
          timestamp('updated_at'),
        ],
        foreignKeys: [fk('channel_id', 'channels')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chat_bans',
        columns: [channelPk, userPk, { name: 'banned_by', type: 'integer', isNullable: true }, timestamp('created_at')],
        foreignKeys: [fk('channel_id', 'channels'), fk('user_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chat_timeouts',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'channel_id', type: 'integer' },
          { name: 'user_id', type: 'integer' },
          { name: 'seconds', type: 'integer' },
          timestamp('until_at'),
          { name: 'created_by', type: 'integer', isNullable: true },
          timestamp('created_at'),
        ],
        indices: [{ name: 'idx_chat_timeouts_user', columnNames: ['channel_id', 'user_id', 'created_at'] }],
        foreignKeys: [fk('channel_id', 'channels'), fk('user_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chat_moderators',
        columns: [channelPk, userPk, timestamp('created_at')],
        foreignKeys: [fk('channel_id', 'channels'), fk('user_id', 'users')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'chat_words',
        columns: [channelPk, { name: 'word', type: 'varchar', length: '64', isPrimary: true }, timestamp('created_at')],
        foreignKeys: [fk('channel_id', 'channels')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['chat_words', 'chat_moderators', 'chat_timeouts', 'chat_bans', 'chat_settings', 'chat_messages']) await q.dropTable(t);
  }
}
