import path from 'node:path';
import fp from 'fastify-plugin';
import { ClipService } from './clip.service.js';

export interface Clips {
  service: ClipService;
}

declare module 'fastify' {
  interface FastifyInstance {
    clips: Clips;
  }
}

export const clipsPlugin = fp(async (app) => {
  const { config, channels, videos } = app;
  const service = new ClipService(app.db, channels.repository, channels.service, videos.recording, videos.service, {
    dir: path.join(config.dataDir, 'clips'),
    ffmpegPath: config.ffmpegPath,
    publicUrl: config.publicUrl,
  });
  app.decorate('clips', { service });
}, { name: 'lait-clips', dependencies: ['lait-db', 'lait-channels', 'lait-videos'] });
