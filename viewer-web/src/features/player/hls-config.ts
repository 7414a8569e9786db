import type { HlsConfig, LoaderConfig } from 'hls.js';

/**
 * nginx-rtmp cuts 1 s fragments (1 s GOP) into a 4 s playlist, and Lait's playlist server answers
 * blocking reloads (`?_HLS_msn=N` held until fragment N is listed; no partial segments).
 * Measured glass-to-glass on this stack by bench/latency (docs/benchmarks.md), against nginx-rtmp
 * and hls.js defaults in the same run.
 */
export const LIVE_SYNC_SEC = 1.5;

/** Further behind the edge than hls.js lets a playing stream drift (liveMaxLatencyDuration + 1 s): the LIVE badge greys out. */
export const LIVE_BEHIND_SEC = 4;

function policy(ttfbMs: number, loadMs: number, retries: number): { default: LoaderConfig } {
  const retry = { maxNumRetry: retries, retryDelayMs: 500, maxRetryDelayMs: 2_000, backoff: 'exponential' as const };
  return { default: { maxTimeToFirstByteMs: ttfbMs, maxLoadTimeMs: loadMs, timeoutRetry: retry, errorRetry: retry } };
}

export const LOW_LATENCY_HLS_CONFIG: Partial<HlsConfig> = {
  // Uses the playlists' CAN-BLOCK-RELOAD (a request for the next fragment as soon as one arrives),
  // and lets hls.js change the playback rate to hold the target. There are no parts to load.
  lowLatencyMode: true,
  // Sit 1.5 fragments behind the live edge: one fragment of safety plus half a fragment of slack.
  liveSyncDuration: LIVE_SYNC_SEC,
  // Past 3 s behind the playlist's edge hls.js jumps back to the sync point. hls.js only speeds up
  // within one fragment of the target (1.5-2.5 s), so a viewer who joined as the stream started
  // (playlist of one fragment) sat at ~3.2 s for good with 5 here (bench/latency, first join).
  liveMaxLatencyDuration: 3,
  // hls.js moves the target back by this much after each stall (default 1 s): half a fragment keeps a
  // one-off stall (a CPU spike) from costing a whole second of latency for the rest of the watch.
  liveSyncOnStallIncrease: 0.5,
  // Between those two, play up to 20% faster to drift back instead of jumping (barely audible).
  maxLiveSyncPlaybackRate: 1.2,
  liveDurationInfinity: true,
  // A live edge never holds more than a few seconds ahead; small buffers keep memory flat on long watches.
  maxBufferLength: 4,
  maxMaxBufferLength: 8,
  backBufferLength: 10,
  enableWorker: true,
  // Fragments are 1 s long: anything slower than a few seconds is already late, so fail fast and retry.
  manifestLoadPolicy: policy(4_000, 6_000, 1),
  playlistLoadPolicy: policy(3_000, 5_000, 2),
  fragLoadPolicy: policy(4_000, 8_000, 3),
};

/** Recovery limits of {@link createLivePlayer}; see there for how each error kind is handled. */
export const RECOVERY = {
  /** Retries of a playlist that is not there yet: the API flips live before nginx writes the first fragment. */
  startRetries: 6,
  startRetryDelayMs: 1_000,
  /** Retries of other network errors once playing, with exponential backoff from 1 s up to 8 s. */
  networkRetries: 4,
  networkRetryMaxDelayMs: 8_000,
  /** Media errors closer together than this count as one streak (recover → swap codec → rebuild). */
  mediaErrorWindowMs: 10_000,
  /** Rebuilds of the hls.js instance allowed per minute before giving up. */
  rebuildsPerMinute: 3,
} as const;
