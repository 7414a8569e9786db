import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The per-channel ladder switch, and when the live stream's playlist first answered: a channel is
 * shown live only from then on (between nginx's accept and the first playlist it is only publishing).
 */
export class Ladder1764000000010 implements MigrationInterface {
  name = 'Ladder1764000000010';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('channels', [
      new TableColumn({ name: 'ladder_enabled', type: 'boolean', default: true }),
      new TableColumn({ name: 'playable_at', type: 'datetime', precision: 3, isNullable: true }),
    ]);
    // Channels live across the upgrade were already shown live: keep them so.
    await q.query('UPDATE channels SET playable_at = live_since WHERE live = 1 AND live_since IS NOT NULL');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('channels', ['ladder_enabled', 'playable_at']);
  }
}
