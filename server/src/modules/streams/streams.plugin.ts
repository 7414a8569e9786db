import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config.js';
import type { Channels } from '../channels/channels.plugin.js';
import type { IngestControl } from './ingest-control.js';
import { LadderLagTracker } from './ladder-health.js';
import { PublishService } from './publish.service.js';
import { SessionRepository } from './session.repository.js';

/** Publishing: nginx's notify hooks, live sessions, be right back, and what the ingest says. */
export interface Streams {
  /** Broadcast sessions (one per go-live, carried through a be-right-back). */
  repository: SessionRepository;
  service: PublishService;
  ingest: IngestControl;
  /** Since when ladder rungs run below real time (LADDER_BEHIND). */
  ladderLag: LadderLagTracker;
}

declare module 'fastify' {
  interface FastifyInstance {
    streams: Streams;
  }
}

export interface StreamsDeps {
  ds: DataSource;
  config: Config;
  channels: Channels;
  ingest: IngestControl;
  log: FastifyBaseLogger;
}

export function createStreams({ ds, config, channels, ingest, log }: StreamsDeps): Streams {
  const repository = new SessionRepository(ds);
  const service = new PublishService(channels.service, channels.repository, repository, ingest, channels.events, log, config.liveGraceSec * 1000);
  return { repository, service, ingest, ladderLag: new LadderLagTracker() };
}

export const streamsPlugin = fp<{ ingest: IngestControl }>(async (app, opts) => {
  const streams = createStreams({ ds: app.db, config: app.config, channels: app.channels, ingest: opts.ingest, log: app.log });
  app.decorate('streams', streams);
  // Keeps live state true to nginx when publish-done was lost (nginx restarted, server was down).
  const reconcileTimer = setInterval(() => {
    streams.service.reconcile().catch((err: unknown) => app.log.warn({ err }, 'live reconciliation failed'));
  }, app.config.liveReconcileMs);
  reconcileTimer.unref();
  // Be right back: a grace that ran out ends its broadcast within about a second.
  const graceTimer = setInterval(() => {
    streams.service.endExpiredGraces().catch((err: unknown) => app.log.warn({ err }, 'ending expired graces failed'));
  }, 1000);
  graceTimer.unref();
  app.addHook('onClose', async () => {
    clearInterval(reconcileTimer);
    clearInterval(graceTimer);
    streams.service.close();
  });
}, { name: 'lait-streams', dependencies: ['lait-db', 'lait-channels'] });
