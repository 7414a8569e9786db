import { LIVE_MAX_LATENCY_SEC, LIVE_SYNC_SEC } from './hls-config';

/**
 * A link that carries the rung on screen with less than this headroom cannot hold the low-latency
 * target: a 1 s fragment that takes most of a second to download arrives after the playhead
 * 1.5-2.5 s behind the edge needs it, and ABR has nothing lower to offer on the lowest rung.
 */
export const RELIEF_HEADROOM = 1.5;
/** With this much headroom again, the player goes back to the low-latency target. */
export const RESTORE_HEADROOM = 2;
/** Never sit further back than this to avoid stalls. */
export const MAX_RELIEVED_TARGET_SEC = 6;
/** How far past the target hls.js lets playback drift before it jumps, as in the low-latency settings. */
export const MAX_OVER_TARGET_SEC = LIVE_MAX_LATENCY_SEC - LIVE_SYNC_SEC;

export interface LinkSample {
  /** hls.js's bandwidth estimate, bits per second. */
  estimateBps: number;
  /** The playing rung's bitrate: the larger of its BANDWIDTH and what its fragments measured. */
  levelBps: number;
  /** Seconds behind the live edge now (after the stall, so the stall's time is in it). */
  latencySec: number;
  /** hls.js's target latency now. */
  targetSec: number;
  /** hls.js's ABR runs and has a lower rung to switch to: that is its job, not a latency matter. */
  abrCanGoLower: boolean;
}

/**
 * After a stall: the target latency that keeps the playhead where the stall left it (plus half a
 * fragment), when the link is too slow for the rung on screen and ABR cannot go lower (the lowest
 * rung, or a manual choice); null otherwise: ABR switches down, and a stall on a fast link (a CPU
 * spike) is covered by hls.js's own small stall allowance.
 * hls.js only speeds up to catch up, never slows down, so the stall itself is what moves the
 * playhead back; without a new target hls.js would then speed up or jump back into the next stall.
 */
export function relievedTarget(s: LinkSample): number | null {
  if (s.abrCanGoLower) return null;
  if (!(s.estimateBps > 0) || !(s.levelBps > 0) || s.estimateBps >= s.levelBps * RELIEF_HEADROOM) return null;
  const next = Math.min(MAX_RELIEVED_TARGET_SEC, Math.max(s.targetSec, s.latencySec) + 0.5);
  return next > s.targetSec ? next : null;
}

/** Whether a relieved player may go back to the low-latency target: the link is fast again. */
export function canRestoreTarget(s: Pick<LinkSample, 'estimateBps' | 'levelBps'>): boolean {
  return s.levelBps > 0 && s.estimateBps >= s.levelBps * RESTORE_HEADROOM;
}
