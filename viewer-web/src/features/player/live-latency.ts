import { LIVE_SYNC_SEC } from './hls-config';

/** hls.js's own jump back to the sync point happens this far past the target (liveMaxLatencyDuration). */
const MAX_LATENCY_MARGIN_SEC = 1.5;
/** Smaller changes of the target are not worth a change of pace. */
const HYSTERESIS_SEC = 0.2;
/** Weight of the newest fragment's load time in the running estimate. */
const ALPHA = 0.3;

/**
 * Where to sit behind the live edge for this link. When a fragment appears at the edge the player
 * has about (target − fragment) seconds buffered, and it needs the next playlist (a blocking reload
 * answers as the fragment is listed; 0.5 s covers its round trip and the edge's jitter, and a
 * polling client's wait) plus the fragment's download in that time. On a fast link that is LIVE_SYNC_SEC; on a
 * link where a 1 s fragment takes 0.65 s to arrive (the 360p rung at 1.2 Mb/s) it is ≈2.2 s, where
 * 1.5 s stalled every few seconds and hls.js, speeding up towards its target, stalled again.
 */
export function targetLatencyFor(fragmentSec: number, loadSec: number): number {
  const t = Math.round((fragmentSec + 0.5 + loadSec) * 10) / 10;
  // Within the hysteresis of the low-latency target: a fast link, which stays there.
  return t < LIVE_SYNC_SEC + HYSTERESIS_SEC ? LIVE_SYNC_SEC : t;
}

/** hls.js's latency controls this class sets (`hls.targetLatency`, `hls.config.liveMaxLatencyDuration`). */
export interface LatencyControls {
  targetLatency: number | null;
  config: { liveMaxLatencyDuration?: number };
}

/** Follows how long live fragments take to load and moves hls.js's target latency to match. */
export class LinkLatency {
  private loadSec: number | null = null;
  private target = LIVE_SYNC_SEC;

  constructor(private readonly baseMaxLatencySec: number) {}

  /** A main fragment of `fragmentSec` arrived in `loadSec`; returns the target now set. */
  fragmentLoaded(hls: LatencyControls, fragmentSec: number, loadSec: number): number {
    if (!(fragmentSec > 0) || !(loadSec >= 0)) return this.target;
    this.loadSec = this.loadSec === null ? loadSec : this.loadSec + ALPHA * (loadSec - this.loadSec);
    const next = targetLatencyFor(fragmentSec, this.loadSec);
    if (Math.abs(next - this.target) < HYSTERESIS_SEC) return this.target;
    this.target = next;
    hls.config.liveMaxLatencyDuration = Math.max(this.baseMaxLatencySec, next + MAX_LATENCY_MARGIN_SEC);
    hls.targetLatency = next;
    return next;
  }
}
