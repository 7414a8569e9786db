import { EntitySchema } from 'typeorm';

export type VideoStatus = 'recording' | 'ready';

/** A broadcast kept as a VOD. Files live under `<DATA_DIR>/vods/<id>/`, named by sequence, never by key. */
export interface VideoRow {
  id: string;
  channelId: number;
  sessionId: number;
  title: string;
  category: string | null;
  startedAt: Date;
  endedAt: Date | null;
  durationMs: number;
  status: VideoStatus;
  hidden: boolean;
  storage: 'local' | 's3';
  createdAt: Date;
}

export const VideoEntity = new EntitySchema<VideoRow>({
  name: 'Video',
  tableName: 'videos',
  columns: {
    id: { type: 'varchar', length: 16, primary: true },
    channelId: { name: 'channel_id', type: 'integer' },
    sessionId: { name: 'session_id', type: 'integer', unique: true },
    title: { type: 'varchar', length: 140 },
    category: { type: 'varchar', length: 64, nullable: true },
    startedAt: { name: 'started_at', type: 'datetime', precision: 3 },
    endedAt: { name: 'ended_at', type: 'datetime', precision: 3, nullable: true },
    durationMs: { name: 'duration_ms', type: 'integer', default: 0 },
    status: { type: 'varchar', length: 16 },
    hidden: { type: 'boolean', default: false },
    storage: { type: 'varchar', length: 8, default: 'local' },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
  indices: [
    { name: 'idx_videos_channel', columns: ['channelId', 'startedAt'] },
    { name: 'idx_videos_ended', columns: ['endedAt'] },
  ],
});
