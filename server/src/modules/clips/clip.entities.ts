import { EntitySchema } from 'typeorm';

/** A short MP4 cut from a live stream or a VOD, stored as `<DATA_DIR>/clips/<id>.mp4`. */
export interface ClipRow {
  id: string;
  channelId: number;
  videoId: string | null;
  createdBy: number;
  title: string;
  durationMs: number;
  createdAt: Date;
}

export const ClipEntity = new EntitySchema<ClipRow>({
  name: 'Clip',
  tableName: 'clips',
  columns: {
    id: { type: 'varchar', length: 16, primary: true },
    channelId: { name: 'channel_id', type: 'integer' },
    videoId: { name: 'video_id', type: 'varchar', length: 16, nullable: true },
    createdBy: { name: 'created_by', type: 'integer' },
    title: { type: 'varchar', length: 140 },
    durationMs: { name: 'duration_ms', type: 'integer' },
    createdAt: { name: 'created_at', type: 'datetime', precision: 3 },
  },
  indices: [{ name: 'idx_clips_channel', columns: ['channelId', 'createdAt'] }],
});
