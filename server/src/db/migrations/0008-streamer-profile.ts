import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Streamer profiles: the channel address is picked once (remember when), and users may upload an avatar. */
export class StreamerProfile1764000000008 implements MigrationInterface {
  name = 'StreamerProfile1764000000008';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('channels', new TableColumn({ name: 'slug_chosen_at', type: 'datetime', precision: 3, isNullable: true }));
    await q.addColumn('users', new TableColumn({ name: 'avatar_at', type: 'datetime', precision: 3, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'avatar_at');
    await q.dropColumn('channels', 'slug_chosen_at');
  }
}
