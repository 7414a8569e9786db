/** Reconnect back-off settings. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Fraction of the delay added or removed at random, so many clients do not retry in step. */
  jitter: number;
}

/**
 * 0.5, 1, 2, 4 s, capped at 4 s, ±20 %: an ingest restart takes a few seconds, and a streamer
 * wants to be back as soon as it answers (one client retrying every 4 s costs nginx nothing).
 */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 4000, jitter: 0.2 };

/** Delay before reconnect attempt `attempt` (1-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const spread = exp * opts.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(exp + spread));
}
