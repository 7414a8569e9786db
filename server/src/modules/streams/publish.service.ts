import type { FastifyBaseLogger } from 'fastify';
import type { ChannelRow } from '../../db/entities.js';
import type { ChannelRepository } from '../channels/channel.repository.js';
import type { ChannelCredentials, ChannelService } from '../channels/channel.service.js';
import type { IngestControl } from './ingest-control.js';
import type { LiveEvents } from '../channels/live-events.js';
import { PlayableWatcher, type PlayableClaim } from './playable-watcher.js';
import type { SessionEndReason, SessionRepository } from './session.repository.js';

export type PublishRefusal = 'PUBLISH_KEY_INVALID' | 'PUBLISH_ALREADY_LIVE' | 'SERVICE_UNAVAILABLE';

export type PublishDecision =
  | { accept: true; playbackId: string; channelId: number }
  | { accept: false; code: PublishRefusal; reason: string };

export interface PublishAttempt {
  /** What the publisher sent as the stream name: a stream key. Never logged. */
  name: string;
  /** nginx's client id, scoped by node in a cluster (`ingest-1/42`): ids repeat across nodes. */
  clientId: string;
  /** The ingest node that notified (`&node=`); null on a single node. */
  node?: string | null;
}

/** How long a freshly claimed channel may be missing from nginx's stat page before reconciliation calls it lost. */
const CLAIM_GRACE_MS = 15_000;

/**
 * Decides who may publish, and keeps channels' live state true to what the ingest really carries.
 * Every path that cannot decide refuses: publishing fails closed.
 */
export class PublishService {
  /** Accepted streams not yet playable: the channel turns live (shown, 'channel:live') on their first playlist. */
  private readonly playable: PlayableWatcher;

  constructor(
    private readonly channelService: ChannelService,
    private readonly channels: ChannelRepository,
    private readonly sessions: SessionRepository,
    private readonly ingest: IngestControl,
    private readonly events: LiveEvents,
    private readonly log: FastifyBaseLogger,
    /** Be right back: how long a dropped broadcast waits for its publisher; 0 ends it at once. */
    private readonly graceMs = 0,
    playableProbeMs?: number,
  ) {
    this.playable = new PlayableWatcher(channels, ingest, (claim) => this.becamePlayable(claim), log, playableProbeMs);
  }

  close(): void {
    this.playable.close();
  }

  private becamePlayable({ channelId, slug, playbackId, sessionId, node }: PlayableClaim): void {
    this.log.info({ channel: slug, node, sessionId }, 'channel live: its playlist answers');
    this.events.emit('channel:live', { channelId, slug, playbackId, sessionId, node });
  }

  async authorize(attempt: PublishAttempt): Promise<PublishDecision> {
    let channel = await this.channelService.resolveStreamKey(attempt.name);
    if (!channel) return { accept: false, code: 'PUBLISH_KEY_INVALID', reason: 'unknown or revoked stream key' };
    const node = attempt.node ?? null;
    if (node !== null && !this.ingest.isClusterNode(node)) {
      this.log.warn({ node }, 'publish refused: the notifying node is not in INGEST_CONTROL_URLS');
      return { accept: false, code: 'SERVICE_UNAVAILABLE', reason: 'unknown ingest node' };
    }

    if (channel.live && channel.graceUntil !== null) {
      const now = new Date();
      // The republish may arrive on another ingest node than the one that carried the stream.
      if (await this.channels.resumeFromGrace(channel.id, attempt.clientId, node, now)) {
        this.log.info({ channel: channel.slug, clientId: attempt.clientId, node, sessionId: channel.currentSessionId }, 'publish resumed within the grace');
        this.events.emit('channel:resumed', { channelId: channel.id, slug: channel.slug, playbackId: channel.playbackId, sessionId: channel.currentSessionId, node });
        // It dropped before its first playlist: it still has to turn playable.
        this.watchUnplayable({ ...channel, liveClientId: attempt.clientId, liveNode: node });
        return { accept: true, playbackId: channel.playbackId, channelId: channel.id };
      }
      // The grace ran out before the sweep noticed: end that broadcast, then start a new one.
      await this.endExpiredGrace(channel, now);
      channel = (await this.channels.findById(channel.id)) ?? channel;
    }

    let stale: string | null = null;
    if (channel.live && channel.liveClientId !== attempt.clientId) {
      // Asked of the node that holds the stream, wherever this publisher landed.
      const publishing = await this.publishingOn(channel.liveNode);
      if (publishing === 'unreachable') {
        this.log.warn({ channel: channel.slug, node: channel.liveNode }, 'publish refused: ingest stat unavailable to check a second publisher');
        return { accept: false, code: 'SERVICE_UNAVAILABLE', reason: 'cannot verify the current publisher' };
      }
      if (publishing.has(channel.playbackId)) {
        return { accept: false, code: 'PUBLISH_ALREADY_LIVE', reason: 'the channel is already live from another publisher' };
      }
      // The database says live but nginx carries no such stream (nginx restarted, or publish-done was lost).
      stale = channel.liveClientId;
    }

    const now = new Date();
    const claimed = await this.channels.claimLive(channel.id, attempt.clientId, node, now, stale);
    if (!claimed) return { accept: false, code: 'PUBLISH_ALREADY_LIVE', reason: 'another publisher took the channel' };
    if (channel.currentSessionId !== null) await this.sessions.end(channel.currentSessionId, 'ingest-lost', now);
    const sessionId = await this.sessions.start(channel.id, now, node);
    await this.channels.setSession(channel.id, sessionId);
    this.log.info({ channel: channel.slug, clientId: attempt.clientId, node, sessionId }, 'publish accepted; waiting for its playlist');
    // Publishing, not yet live: the channel is shown live once its playlist answers.
    this.playable.watch({ channelId: channel.id, slug: channel.slug, playbackId: channel.playbackId, sessionId, clientId: attempt.clientId, node });
    return { accept: true, playbackId: channel.playbackId, channelId: channel.id };
  }

  /** nginx's on_publish_done: `name` is the original key, which may have been rotated meanwhile. */
  /** Whether the ladder supervisor may transcode the stream of this playback id (the streamer may turn it off); null: no such channel. */
  async ladderEnabled(playbackId: string): Promise<boolean | null> {
    const channel = await this.channels.findByPlaybackId(playbackId);
    return channel ? channel.ladderEnabled : null;
  }

  async publishDone(attempt: PublishAttempt): Promise<void> {
    const channel = await this.channels.findByLiveClientId(attempt.clientId);
    if (!channel) return;
    // nginx reuses client ids after a restart: when the key still resolves, it must be this channel's.
    const byKey = await this.channelService.resolveStreamKey(attempt.name, false);
    if (byKey && byKey.id !== channel.id) return;
    this.playable.stop(channel.id, attempt.clientId);
    await this.publisherGone(channel, 'publisher-stopped', attempt.clientId);
  }

  /** Ends the broadcasts whose grace ran out without a republish. */
  async endExpiredGraces(now = new Date()): Promise<number> {
    let ended = 0;
    for (const channel of await this.channels.listExpiredGraces(now, 1000)) {
      if (await this.endExpiredGrace(channel, now)) ended++;
    }
    return ended;
  }

  /** The publisher dropped: wait for it (be right back) when a grace is configured, else end now. */
  private async publisherGone(channel: ChannelRow, reason: SessionEndReason, clientId: string | null): Promise<boolean> {
    if (this.graceMs <= 0) return this.goOffline(channel, reason, clientId);
    const until = new Date(Date.now() + this.graceMs);
    if (!(await this.channels.enterGrace(channel.id, clientId, until))) return false;
    this.log.info({ channel: channel.slug, reason, until }, 'publisher gone: waiting for it to come back');
    this.events.emit('channel:reconnecting', { channelId: channel.id, slug: channel.slug, sessionId: channel.currentSessionId });
    return true;
  }

  private async endExpiredGrace(channel: ChannelRow, now: Date): Promise<boolean> {
    if (!(await this.channels.releaseExpiredGrace(channel.id, now))) return false;
    if (channel.currentSessionId !== null) await this.sessions.end(channel.currentSessionId, 'publisher-stopped', channel.graceUntil ?? now);
    this.log.info({ channel: channel.slug }, 'channel offline: the publisher did not come back within the grace');
    this.events.emit('channel:offline', { channelId: channel.id, slug: channel.slug, reason: 'publisher-stopped', sessionId: channel.currentSessionId });
    return true;
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
        await this.ingest.dropPublisher(channel.playbackId, channel.liveNode);
      } catch (err) {
        // on_update refuses the old key within notify_update_timeout, so the stream still ends.
        this.log.warn({ err, channel: channel.slug }, 'could not drop the publisher now; on_update will');
      }
    }
    return credentials;
  }

  /**
   * Marks channels offline whose stream their node no longer carries. A single node that cannot be
   * asked is waited for; a cluster node that cannot be asked is gone (killed, drained), and its
   * publishers reconnect through the balancer to another node.
   */
  async reconcile(now = Date.now()): Promise<number> {
    const byNode = new Map<string | null, Promise<Set<string> | 'unreachable'>>();
    let ended = 0;
    for (const channel of await this.channels.listClaimed(1000)) {
      // Waiting for its publisher (be right back), who may come back on any node.
      if (channel.graceUntil !== null) continue;
      const node = channel.liveNode;
      if (!byNode.has(node)) byNode.set(node, this.publishingOn(node));
      const publishing = await byNode.get(node)!;
      const since = channel.liveSince ? new Date(channel.liveSince).getTime() : 0;
      if (publishing === 'unreachable') {
        // A cluster node that stops answering is gone: its channels end now.
        if (this.ingest.isClusterNode(node) && (await this.goOffline(channel, 'ingest-lost', channel.liveClientId))) ended++;
        continue;
      }
      if (publishing.has(channel.playbackId) || now - since < CLAIM_GRACE_MS) {
        this.watchUnplayable(channel);
        continue;
      }
      if (await this.publisherGone(channel, 'ingest-lost', channel.liveClientId)) ended++;
    }
    return ended;
  }

  /** A claim no process watches any more (this server restarted meanwhile): watch it again. */
  private watchUnplayable(channel: ChannelRow): void {
    if (channel.playableAt !== null || channel.liveClientId === null || channel.currentSessionId === null || this.playable.isWatching(channel.id)) return;
    this.playable.watch({
      channelId: channel.id, slug: channel.slug, playbackId: channel.playbackId, sessionId: channel.currentSessionId, clientId: channel.liveClientId, node: channel.liveNode,
    });
  }

  private async publishingOn(node: string | null): Promise<Set<string> | 'unreachable'> {
    try {
      return await this.ingest.listPublishing(node);
    } catch (err) {
      this.log.debug({ err, node }, 'ingest stat unavailable');
      return 'unreachable';
    }
  }

  private async goOffline(channel: ChannelRow, reason: SessionEndReason, clientId: string | null): Promise<boolean> {
    const released = await this.channels.releaseLive(channel.id, clientId);
    if (!released) return false;
    this.playable.stop(channel.id);
    if (channel.currentSessionId !== null) await this.sessions.end(channel.currentSessionId, reason);
    this.log.info({ channel: channel.slug, reason }, 'channel offline');
    this.events.emit('channel:offline', { channelId: channel.id, slug: channel.slug, reason, sessionId: channel.currentSessionId });
    return true;
  }
}
