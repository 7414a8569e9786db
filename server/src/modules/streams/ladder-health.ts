import type { LadderHealth, LadderStatus, StreamWarning } from '@lait/shared';
import type { ChannelRow } from '../../db/entities.js';
import type { IngestControl } from './ingest-control.js';

/** A rung below real time this long is behind, not a hiccup (ffmpeg's speed swings at start and on scene cuts). */
export const LADDER_BEHIND_AFTER_MS = 10_000;
/** Rungs unseen this long are forgotten (their stream ended). */
const FORGET_AFTER_MS = 120_000;

/**
 * Remembers since when each rung has run below real time, so LADDER_BEHIND means "for a while".
 * Owned by the streams feature (`app.streams.ladderLag`); in memory only (keys never leave the process).
 */
export class LadderLagTracker {
  private readonly slow = new Map<string, { since: number; seen: number }>();

  constructor(private readonly behindAfterMs = LADDER_BEHIND_AFTER_MS) {}

  /** Records a speed reading; true when the rung has been below 1.0 for `behindAfterMs`. */
  isBehind(stream: string, rung: string, speed: number | null, now = Date.now()): boolean {
    const key = `${stream}/${rung}`;
    if (speed === null || speed >= 1) {
      this.slow.delete(key);
      return false;
    }
    const entry = this.slow.get(key) ?? { since: now, seen: now };
    entry.seen = now;
    this.slow.set(key, entry);
    this.forget(now);
    return now - entry.since >= this.behindAfterMs;
  }

  private forget(now: number): void {
    for (const [key, entry] of this.slow) if (now - entry.seen > FORGET_AFTER_MS) this.slow.delete(key);
  }
}

/** The channel's ladder as its node's supervisor reports it, with the warnings it calls for. */
export async function readLadderHealth(
  channel: Pick<ChannelRow, 'playbackId' | 'liveNode' | 'ladderEnabled'>,
  ingest: IngestControl,
  lag: LadderLagTracker,
): Promise<{ ladder: LadderHealth; warnings: StreamWarning[] }> {
  if (!channel.ladderEnabled) return { ladder: { state: 'off', rungs: [] }, warnings: [] };
  let status: LadderStatus;
  try {
    status = await ingest.ladderStatus(channel.liveNode);
  } catch {
    return { ladder: { state: 'unknown', rungs: [] }, warnings: [] };
  }
  return ladderHealthFrom(status, channel.playbackId, lag);
}

export function ladderHealthFrom(status: LadderStatus, playbackId: string, lag: LadderLagTracker, now = Date.now()): { ladder: LadderHealth; warnings: StreamWarning[] } {
  const stream = status.streams.find((s) => s.name === playbackId);
  if (!stream) return { ladder: { state: 'unknown', rungs: [] }, warnings: [] };
  const warnings: StreamWarning[] = [];
  if (stream.state === 'at-capacity') warnings.push('LADDER_AT_CAPACITY');
  // Every reading counts towards "for a while", so each rung is checked, not only until the first.
  const behind = stream.rungs.map((r) => lag.isBehind(playbackId, r.name, r.speed, now));
  if (behind.some(Boolean)) warnings.push('LADDER_BEHIND');
  return {
    ladder: {
      state: stream.state,
      rungs: stream.rungs.map((r) => ({ name: r.name, height: r.height, live: r.live, speed: r.speed, bitrateKbps: r.bitrateKbps })),
    },
    warnings,
  };
}
