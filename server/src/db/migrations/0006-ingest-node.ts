import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Which ingest node holds a live stream (issue 12, scale out): `channels.live_node` routes key
 * rotation, the second-publisher check and the playback URL to that node;
 * `stream_sessions.ingest_node` keeps it with the session. Null on a single node.
 * Through TypeORM's column API, not raw ALTERs: on SQLite a later migration's addColumns rebuilds
 * the table from TypeORM's cached picture of it, which would drop columns it never saw added.
 */
export class IngestNode1764000000006 implements MigrationInterface {
  name = 'IngestNode1764000000006';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('channels', new TableColumn({ name: 'live_node', type: 'varchar', length: '16', isNullable: true }));
    await q.addColumn('stream_sessions', new TableColumn({ name: 'ingest_node', type: 'varchar', length: '16', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('stream_sessions', 'ingest_node');
    await q.dropColumn('channels', 'live_node');
  }
}
