import type { FastifyBaseLogger } from 'fastify';
import type { ChannelRow } from '../../db/entities.js';
import type { ChannelRepository } from '../channels/channel.repository.js';
import type { ChannelCredentials, ChannelService } from '../channels/channel.service.js';
import type { IngestControl } from './ingest-control.js';
import type { LiveEvents } from './live-events.js';
import type { SessionEndReason, SessionRepository } from './session.repository.js';

export type PublishRefusal = 'PUBLISH_KEY_INVALID' | 'PUBLISH_ALREADY_LIVE' | 'SERVICE_UNAVAILABLE';

export type PublishDecision =
  | { accept: true; playbackId: string; channelId: number }
  | { accept: false; code: PublishRefusal; reason: string };

export interface PublishAttempt {
  /** What the publisher sent as the stream name: a stream key. Never logged. */
  name: string;
  clientId: string;
}

/** How long a freshly claimed channel may be missing from nginx's stat page before reconciliation calls it lost. */
const CLAIM_GRACE_MS = 15_000;

/**
 * Decides who may publish, and keeps channels' live state true to what the ingest really carries.
 * Every path that cannot decide refuses: publishing fails closed.
 */
export class PublishService {
  constructor(
    private readonly channelService: ChannelService,
    private readonly channels: ChannelRepository,
    private readonly sessions: SessionRepository,
    private readonly ingest: IngestControl,
    private readonly events: LiveEvents,
    private readonly log: FastifyBaseLogger,
  ) {}

  async authorize(attempt: PublishAttempt): Promise<PublishDecision> {
    const channel = await this.channelService.resolveStreamKey(attempt.name);
    if (!channel) return { accept: false, code: 'PUBLISH_KEY_INVALID', reason: 'unknown or revoked stream key' };

    let stale: string | null = null;
    if (channel.live && channel.liveClientId !== attempt.clientId) {
      let publishing: Set<string>;
      try {
        publishing = await this.ingest.listPublishing();
      } catch (err) {
        this.log.warn({ err, channel: channel.slug }, 'publish refused: ingest stat unavailable to check a second publisher');
        return { accept: false, code: 'SERVICE_UNAVAILABLE', reason: 'cannot verify the current publisher' };
      }
      if (publishing.has(channel.playbackId)) {
        return { accept: false, code: 'PUBLISH_ALREADY_LIVE', reason: 'the channel is already live from another publisher' };
      }
      // The database says live but nginx carries no such stream (nginx restarted, or publish-done was lost).
      stale = channel.liveClientId;
    }

    const now = new Date();
    const claimed = await this.channels.claimLive(channel.id, attempt.clientId, now, stale);
    if (!claimed) return { accept: false, code: 'PUBLISH_ALREADY_LIVE', reason: 'another publisher took the channel' };
    if (channel.currentSessionId !== null) await this.sessions.end(channel.currentSessionId, 'ingest-lost', now);
    const sessionId = await this.sessions.start(channel.id, now);
    await this.channels.setSession(channel.id, sessionId);
    this.log.info({ channel: channel.slug, clientId: attempt.clientId, sessionId }, 'publish accepted');
    this.events.emit('channel:live', { channelId: channel.id, slug: channel.slug, playbackId: channel.playbackId });
    return { accept: true, playbackId: channel.playbackId, channelId: channel.id };
  }

  /** nginx's on_publish_done: `name` is the original key, which may have been rotated meanwhile. */
  async publishDone(attempt: PublishAttempt): Promise<void> {
    const channel = await this.channels.findByLiveClientId(attempt.clientId);
    if (!channel) return;
    // nginx reuses client ids after a restart: when the key still resolves, it must be this channel's.
    const byKey = await this.channelService.resolveStreamKey(attempt.name, false);
    if (byKey && byKey.id !== channel.id) return;
    await this.goOffline(channel, 'publisher-stopped', attempt.clientId);
  }

  /** nginx's periodic on_update: false drops the publisher (its key was rotated or revoked). */
  async stillAuthorized(attempt: PublishAttempt): Promise<boolean> {
    return (await this.channelService.resolveStreamKey(attempt.name, false)) !== null;
  }

  /** Rotates the key and ends a stream live on the old one at once. */
  async rotateKey(slug: string): Promise<ChannelCredentials> {
    const channel = await this.channelService.getBySlug(slug);
    const credentials = await this.channelService.replaceKey(channel);
    if (channel.live) {
      await this.goOffline(channel, 'key-rotated', null);
      try {
        await this.ingest.dropPublisher(channel.playbackId);
      } catch (err) {
        // on_update refuses the old key within notify_update_timeout, so the stream still ends.
        this.log.warn({ err, channel: channel.slug }, 'could not drop the publisher now; on_update will');
      }
    }
    return credentials;
  }

  /** Marks channels offline whose stream nginx no longer carries. Skips quietly while nginx cannot be asked. */
  async reconcile(now = Date.now()): Promise<number> {
    let publishing: Set<string>;
    try {
      publishing = await this.ingest.listPublishing();
    } catch {
      return 0;
    }
    let ended = 0;
    for (const channel of await this.channels.listLive(1000)) {
      const since = channel.liveSince ? new Date(channel.liveSince).getTime() : 0;
      if (publishing.has(channel.playbackId) || now - since < CLAIM_GRACE_MS) continue;
      if (await this.goOffline(channel, 'ingest-lost', channel.liveClientId)) ended++;
    }
    return ended;
  }

  private async goOffline(channel: ChannelRow, reason: SessionEndReason, clientId: string | null): Promise<boolean> {
    const released = await this.channels.releaseLive(channel.id, clientId);
    if (!released) return false;
    if (channel.currentSessionId !== null) await this.sessions.end(channel.currentSessionId, reason);
    this.log.info({ channel: channel.slug, reason }, 'channel offline');
    this.events.emit('channel:offline', { channelId: channel.id, slug: channel.slug, reason });
    return true;
  }
}
