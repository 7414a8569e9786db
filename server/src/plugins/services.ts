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
import { LadderLagTracker } from '../modules/streams/ladder-health.js';
import { PublishService } from '../modules/streams/publish.service.js';
import { SessionRepository } from '../modules/streams/session.repository.js';
import { ThumbnailService } from '../modules/thumbnails/thumbnail.service.js';
import { AvatarService } from '../modules/avatars/avatar.service.js';
import { UserRepository } from '../modules/users/user.repository.js';
import { TtlCache } from '../lib/ttl-cache.js';
import type { ViewerCounts } from '../modules/viewers/viewer-counts.js';
import { ChatPresence } from '../modules/chat/chat-presence.js';
import { RecordingService } from '../modules/videos/recording.service.js';
import { createS3Store } from '../modules/videos/s3-store.js';
import { VideoChatRepository } from '../modules/videos/video-chat.repository.js';
import { VideoRepository } from '../modules/videos/video.repository.js';
import { VideoService } from '../modules/videos/video.service.js';
import { ClipService } from '../modules/clips/clip.service.js';

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
  /** Uploaded avatars, re-encoded and stored under DATA_DIR/avatars. */
  avatars: AvatarService;
  /** Serialised directory answers, cleared whenever a channel goes live, offline or is edited here. */
  directoryCache: TtlCache<string>;
  /** Present when built inside the HTTP app (it signs JWTs); the CLI has no use for it. */
  authService: AuthService;
  /** One-time codes of the desktop app's Kakao sign-in (loopback redirect). */
  desktopLogin: DesktopLoginService;
  /** Records broadcasts as VODs (listens to live events; closed with the app). */
  recording: RecordingService;
  videoService: VideoService;
  clips: ClipService;
  /** Since when ladder rungs run below real time (LADDER_BEHIND). */
  ladderLag: LadderLagTracker;
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
  liveEvents.on('channel:reconnecting', () => directoryCache.clear());
  liveEvents.on('channel:resumed', () => directoryCache.clear());
  liveEvents.on('channel:updated', () => directoryCache.clear());
  const viewerCounts = new ChatPresence();
  const channelService = new ChannelService(channels, new PublishTokenRepository(ds), users, config);
  const publishService = new PublishService(channelService, channels, sessions, ingest, liveEvents, log, config.liveGraceSec * 1000);
  const sessionService = new SessionService(new RefreshTokenRepository(ds), signAccess, config.refreshTokenTtlDays * 86_400_000);
  const videos = new VideoRepository(ds);
  const recording = new RecordingService(videos, channels, liveEvents, { dir: path.join(config.dataDir, 'vods'), hlsInternalUrl: config.hlsInternalUrl, ffmpegPath: config.ffmpegPath, pollMs: 1000, store: config.s3 ? createS3Store(config.s3) : undefined }, log);
  const videoService = new VideoService(videos, channels, new VideoChatRepository(ds), recording);
  const thumbnails = new ThumbnailService(channels, { ffmpegPath: config.ffmpegPath, hlsInternalUrl: config.hlsInternalUrl, dir: path.join(config.dataDir, 'thumbnails'), intervalMs: config.thumbnailIntervalMs }, log);
  return {
    users,
    channels,
    channelService,
    channelViews: new ChannelViews(channelService, viewerCounts, follows, users),
    publishService,
    sessions,
    categories: new CategoryRepository(ds),
    follows,
    liveEvents,
    viewerCounts,
    presence: viewerCounts,
    ingest,
    thumbnails,
    avatars: new AvatarService({ ffmpegPath: config.ffmpegPath, dir: path.join(config.dataDir, 'avatars') }),
    directoryCache,
    authService: new AuthService(users, channelService, sessionService),
    desktopLogin: new DesktopLoginService(new DesktopLoginCodeRepository(ds), users, sessionService),
    recording,
    videoService,
    ladderLag: new LadderLagTracker(),
    clips: new ClipService(ds, channels, channelService, recording, videoService, { dir: path.join(config.dataDir, 'clips'), ffmpegPath: config.ffmpegPath, publicUrl: config.publicUrl }),
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
  // Be right back: a grace that ran out ends its broadcast within about a second.
  const graceTimer = setInterval(() => {
    services.publishService.endExpiredGraces().catch((err: unknown) => app.log.warn({ err }, 'ending expired graces failed'));
  }, 1000);
  graceTimer.unref();
  const sweepRetention = () => {
    services.recording.sweepRetention().catch((err: unknown) => app.log.warn({ err }, 'VOD retention sweep failed'));
    services.recording.finishOrphans(services.sessions).catch((err: unknown) => app.log.warn({ err }, 'finishing orphaned recordings failed'));
  };
  const retentionTimer = setInterval(sweepRetention, app.config.vodRetentionSweepMs);
  retentionTimer.unref();
  sweepRetention();
  // VODs a restart left on local disk go up now.
  void services.recording.uploader?.uploadPending();
  services.thumbnails.start();
  // A first still soon after going live, so the directory card is not blank for a whole interval.
  services.liveEvents.on('channel:live', ({ channelId, playbackId, node }) => {
    setTimeout(() => {
      void services.thumbnails.capture(playbackId, node).then(async (ok) => {
        if (ok) await services.channels.setThumbnail(channelId, new Date()).catch(() => {});
      });
    }, 5000).unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    clearInterval(graceTimer);
    clearInterval(retentionTimer);
    services.publishService.close();
    await services.recording.close();
    services.thumbnails.stop();
    services.liveEvents.removeAllListeners();
  });
});
