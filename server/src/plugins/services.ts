import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { DesktopLoginCodeRepository } from '../modules/auth/desktop-login-code.repository.js';
import { DesktopLoginService } from '../modules/auth/desktop-login.service.js';
import { RefreshTokenRepository } from '../modules/auth/refresh-token.repository.js';
import { SessionService, type AccessTokenClaims } from '../modules/auth/session.service.js';
import { CategoryRepository } from '../modules/categories/category.repository.js';
import { ChannelViews } from '../modules/channels/channel-view.js';
import { ChannelRepository } from '../modules/channels/channel.repository.js';
import { ChannelService } from '../modules/channels/channel.service.js';
import { PublishTokenRepository } from '../modules/channels/publish-token.repository.js';
import { FollowRepository } from '../modules/follows/follow.repository.js';
import type { IngestControl } from '../modules/streams/ingest-control.js';
import { LiveEvents } from '../modules/streams/live-events.js';
import { PublishService } from '../modules/streams/publish.service.js';
import { SessionRepository } from '../modules/streams/session.repository.js';
import { ThumbnailService } from '../modules/thumbnails/thumbnail.service.js';
import { UserRepository } from '../modules/users/user.repository.js';
import { TtlCache } from '../lib/ttl-cache.js';
import type { ViewerCounts } from '../modules/viewers/viewer-counts.js';
import { ChatPresence } from '../modules/chat/chat-presence.js';

export interface Services {
  users: UserRepository;
  channels: ChannelRepository;
  channelService: ChannelService;
  channelViews: ChannelViews;
  publishService: PublishService;
  sessions: SessionRepository;
  categories: CategoryRepository;
  follows: FollowRepository;
  liveEvents: LiveEvents;
  viewerCounts: ViewerCounts;
  /** The same object as viewerCounts: chat sockets feed it (see the socket plugin). */
  presence: ChatPresence;
  ingest: IngestControl;
  thumbnails: ThumbnailService;
  /** Serialised directory answers, cleared whenever a channel goes live, offline or is edited here. */
  directoryCache: TtlCache<string>;
  /** Present when built inside the HTTP app (it signs JWTs); the CLI has no use for it. */
  authService: AuthService;
  /** One-time codes of the desktop app's Kakao sign-in (loopback redirect). */
  desktopLogin: DesktopLoginService;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

export interface ServiceDeps {
  ds: DataSource;
  config: Config;
  ingest: IngestControl;
  log: FastifyBaseLogger;
  signAccess: (claims: AccessTokenClaims) => string;
}

/** Wires repositories and services once per app (or CLI run); they hold no module-level state. */
export function createServices({ ds, config, ingest, log, signAccess }: ServiceDeps): Services {
  const users = new UserRepository(ds);
  const channels = new ChannelRepository(ds);
  const sessions = new SessionRepository(ds);
  const follows = new FollowRepository(ds);
  const liveEvents = new LiveEvents();
  const directoryCache = new TtlCache<string>(1000);
  liveEvents.on('channel:live', () => directoryCache.clear());
  liveEvents.on('channel:offline', () => directoryCache.clear());
  liveEvents.on('channel:updated', () => directoryCache.clear());
  const viewerCounts = new ChatPresence();
  const channelService = new ChannelService(channels, new PublishTokenRepository(ds), config);
  const publishService = new PublishService(channelService, channels, sessions, ingest, liveEvents, log);
  const sessionService = new SessionService(new RefreshTokenRepository(ds), signAccess, config.refreshTokenTtlDays * 86_400_000);
  const thumbnails = new ThumbnailService(channels, { ffmpegPath: config.ffmpegPath, hlsInternalUrl: config.hlsInternalUrl, dir: path.join(config.dataDir, 'thumbnails'), intervalMs: config.thumbnailIntervalMs }, log);
  return {
    users,
    channels,
    channelService,
    channelViews: new ChannelViews(channelService, viewerCounts, follows),
    publishService,
    sessions,
    categories: new CategoryRepository(ds),
    follows,
    liveEvents,
    viewerCounts,
    presence: viewerCounts,
    ingest,
    thumbnails,
    directoryCache,
    authService: new AuthService(users, channelService, sessionService),
    desktopLogin: new DesktopLoginService(new DesktopLoginCodeRepository(ds), users, sessionService),
  };
}

export const servicesPlugin = fp<{ ingest: IngestControl }>(async (app, opts) => {
  const services = createServices({ ds: app.db, config: app.config, ingest: opts.ingest, log: app.log, signAccess: (c) => app.jwt.sign(c) });
  app.decorate('services', services);
  // Keeps live state true to nginx when publish-done was lost (nginx restarted, server was down).
  const timer = setInterval(() => {
    services.publishService.reconcile().catch((err: unknown) => app.log.warn({ err }, 'live reconciliation failed'));
  }, app.config.liveReconcileMs);
  timer.unref();
  services.thumbnails.start();
  // A first still soon after going live, so the directory card is not blank for a whole interval.
  services.liveEvents.on('channel:live', ({ channelId, playbackId }) => {
    setTimeout(() => {
      void services.thumbnails.capture(playbackId).then(async (ok) => {
        if (ok) await services.channels.setThumbnail(channelId, new Date()).catch(() => {});
      });
    }, 5000).unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    services.thumbnails.stop();
    services.liveEvents.removeAllListeners();
  });
});
