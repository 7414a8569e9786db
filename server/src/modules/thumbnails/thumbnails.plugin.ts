import path from 'node:path';
import fp from 'fastify-plugin';
import { ThumbnailService } from './thumbnail.service.js';

export interface Thumbnails {
  service: ThumbnailService;
}

declare module 'fastify' {
  interface FastifyInstance {
    thumbnails: Thumbnails;
  }
}

/** Directory card stills of live channels, taken every THUMBNAIL_INTERVAL_MS while the app runs. */
export const thumbnailsPlugin = fp(async (app) => {
  const { config, channels } = app;
  const service = new ThumbnailService(channels.repository, {
    ffmpegPath: config.ffmpegPath,
    hlsInternalUrl: config.hlsInternalUrl,
    dir: path.join(config.dataDir, 'thumbnails'),
    intervalMs: config.thumbnailIntervalMs,
  }, app.log);
  app.decorate('thumbnails', { service });
  service.start();
  // A first still soon after going live, so the directory card is not blank for a whole interval.
  const firstStill = ({ channelId, playbackId, node }: { channelId: number; playbackId: string; node: string | null }) => {
    setTimeout(() => {
      void service.capture(playbackId, node).then(async (ok) => {
        if (ok) await channels.repository.setThumbnail(channelId, new Date()).catch(() => {});
      });
    }, 5000).unref();
  };
  channels.events.on('channel:live', firstStill);
  app.addHook('onClose', async () => {
    channels.events.off('channel:live', firstStill);
    service.stop();
  });
}, { name: 'lait-thumbnails', dependencies: ['lait-channels'] });
