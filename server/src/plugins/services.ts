import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { ChannelRepository } from '../modules/channels/channel.repository.js';
import { ChannelService } from '../modules/channels/channel.service.js';
import type { IngestControl } from '../modules/streams/ingest-control.js';
import { LiveEvents } from '../modules/streams/live-events.js';
import { PublishService } from '../modules/streams/publish.service.js';
import { SessionRepository } from '../modules/streams/session.repository.js';
import { LocalViewerCounts, type ViewerCounts } from '../modules/viewers/viewer-counts.js';

export interface Services {
  channelService: ChannelService;
  publishService: PublishService;
  sessions: SessionRepository;
  liveEvents: LiveEvents;
  viewerCounts: ViewerCounts;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/** Wires repositories and services once per app; they hold no module-level state. */
export function createServices(ds: DataSource, config: Config, ingest: IngestControl, log: FastifyBaseLogger): Services {
  const channels = new ChannelRepository(ds);
  const sessions = new SessionRepository(ds);
  const liveEvents = new LiveEvents();
  const channelService = new ChannelService(channels, config);
  const publishService = new PublishService(channelService, channels, sessions, ingest, liveEvents, log);
  return { channelService, publishService, sessions, liveEvents, viewerCounts: new LocalViewerCounts() };
}

export const servicesPlugin = fp<{ ingest: IngestControl }>(async (app, opts) => {
  const services = createServices(app.db, app.config, opts.ingest, app.log);
  app.decorate('services', services);
  // Keeps live state true to nginx when publish-done was lost (nginx restarted, server was down).
  const timer = setInterval(() => {
    services.publishService.reconcile().catch((err: unknown) => app.log.warn({ err }, 'live reconciliation failed'));
  }, app.config.liveReconcileMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    services.liveEvents.removeAllListeners();
  });
});
