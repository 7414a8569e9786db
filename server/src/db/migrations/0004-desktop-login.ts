import { Table, TableForeignKey, type MigrationInterface, type QueryRunner } from 'typeorm';

const timestamp = (name: string, nullable = false) => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/** One-time codes of the desktop app's Kakao sign-in (loopback redirect, RFC 8252). */
export class DesktopLogin1764000000004 implements MigrationInterface {
  name = 'DesktopLogin1764000000004';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'desktop_login_codes',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'code_hash', type: 'varchar', length: '64', isUnique: true },
          { name: 'user_id', type: 'integer' },
          { name: 'challenge', type: 'varchar', length: '64' },
          timestamp('expires_at'),
          timestamp('used_at', true),
          { name: 'family_id', type: 'varchar', length: '32', isNullable: true },
          timestamp('created_at'),
        ],
        indices: [{ name: 'idx_desktop_login_expires', columnNames: ['expires_at'] }],
        foreignKeys: [new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('desktop_login_codes');
  }
}
