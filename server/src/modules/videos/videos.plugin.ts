import path from 'node:path';
import fp from 'fastify-plugin';
import { RecordingService } from './recording.service.js';
import { createS3Store } from './s3-store.js';
import { VideoChatRepository } from './video-chat.repository.js';
import { VideoRepository } from './video.repository.js';
import { VideoService } from './video.service.js';

/** Replays: recording broadcasts as VODs, storing and expiring them, and reading them back. */
export interface Videos {
  repository: VideoRepository;
  service: VideoService;
  /** Records every live channel that keeps VODs (it listens to `channel:live` / `channel:offline`). */
  recording: RecordingService;
}

declare module 'fastify' {
  interface FastifyInstance {
    videos: Videos;
  }
}

export const videosPlugin = fp(async (app) => {
  const { config, channels } = app;
  const repository = new VideoRepository(app.db);
  const recording = new RecordingService(repository, channels.repository, channels.events, {
    dir: path.join(config.dataDir, 'vods'),
    hlsInternalUrl: config.hlsInternalUrl,
    ffmpegPath: config.ffmpegPath,
    pollMs: 1000,
    store: config.s3 ? createS3Store(config.s3) : undefined,
  }, app.log);
  const service = new VideoService(repository, channels.repository, new VideoChatRepository(app.db), recording, app.follows.repository);
  app.decorate('videos', { repository, service, recording });

  const sweepRetention = () => {
    recording.sweepRetention().catch((err: unknown) => app.log.warn({ err }, 'VOD retention sweep failed'));
    recording.finishOrphans(app.streams.repository).catch((err: unknown) => app.log.warn({ err }, 'finishing orphaned recordings failed'));
  };
  const retentionTimer = setInterval(sweepRetention, config.vodRetentionSweepMs);
  retentionTimer.unref();
  sweepRetention();
  // VODs a restart left on local disk go up now.
  void recording.uploader?.uploadPending();
  app.addHook('onClose', async () => {
    clearInterval(retentionTimer);
    await recording.close();
  });
}, { name: 'lait-videos', dependencies: ['lait-db', 'lait-channels', 'lait-streams', 'lait-follows'] });
