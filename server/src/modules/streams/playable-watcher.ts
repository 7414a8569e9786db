import type { FastifyBaseLogger } from 'fastify';
import type { ChannelRepository } from '../channels/channel.repository.js';
import type { IngestControl } from './ingest-control.js';

/** How often an accepted stream's playlist is probed until it answers. */
export const PLAYABLE_PROBE_MS = 250;
/** Every this many probes, the database is asked whether the publish is still the same one. */
const STILL_CLAIMED_EVERY = 4;

export interface PlayableClaim {
  channelId: number;
  slug: string;
  playbackId: string;
  sessionId: number;
  /** The publisher that holds the channel: a new publish or the end of this one stops the watch. */
  clientId: string;
  node: string | null;
}

/**
 * Between nginx accepting a publish and the first playlist lies about one keyframe interval in which
 * players would get 404s. This watch probes the stream's master playlist on its node every 250 ms
 * and marks the channel playable (shown live) on the first 200; it gives up when the publish ends.
 * Owned by the publish service and closed with the app.
 */
export class PlayableWatcher {
  private readonly watching = new Map<number, { clientId: string; timer: NodeJS.Timeout }>();
  private closed = false;

  constructor(
    private readonly channels: ChannelRepository,
    private readonly ingest: IngestControl,
    private readonly onPlayable: (claim: PlayableClaim) => void,
    private readonly log: FastifyBaseLogger,
    private readonly intervalMs = PLAYABLE_PROBE_MS,
  ) {}

  isWatching(channelId: number): boolean {
    return this.watching.has(channelId);
  }

  watch(claim: PlayableClaim): void {
    if (this.closed) return;
    const current = this.watching.get(claim.channelId);
    if (current?.clientId === claim.clientId) return;
    if (current) clearTimeout(current.timer);
    let probes = 0;
    const tick = async () => {
      probes++;
      if (await this.probe(claim, probes % STILL_CLAIMED_EVERY === 0)) {
        this.stop(claim.channelId, claim.clientId);
        return;
      }
      const entry = this.watching.get(claim.channelId);
      if (this.closed || entry?.clientId !== claim.clientId) return;
      entry.timer = setTimeout(() => void tick(), this.intervalMs);
    };
    this.watching.set(claim.channelId, { clientId: claim.clientId, timer: setTimeout(() => void tick(), 0) });
  }

  /** Stops watching `channelId` (only the watch of `clientId`, when given). */
  stop(channelId: number, clientId?: string): void {
    const entry = this.watching.get(channelId);
    if (!entry || (clientId !== undefined && entry.clientId !== clientId)) return;
    clearTimeout(entry.timer);
    this.watching.delete(channelId);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.watching.values()) clearTimeout(entry.timer);
    this.watching.clear();
  }

  /** True when the watch is over: playable now, or the publish it watched has ended. */
  private async probe(claim: PlayableClaim, checkClaim: boolean): Promise<boolean> {
    try {
      if (await this.ingest.playlistReady(claim.playbackId, claim.node)) {
        // Conditional: false when this publisher no longer holds the channel, or another process won.
        if (await this.channels.markPlayable(claim.channelId, claim.clientId, new Date())) this.onPlayable(claim);
        return true;
      }
      if (!checkClaim) return false;
      const row = await this.channels.findById(claim.channelId);
      return !row?.live || row.liveClientId !== claim.clientId || row.playableAt !== null;
    } catch (err) {
      this.log.debug({ err, channelId: claim.channelId }, 'playable probe failed');
      return false;
    }
  }
}
