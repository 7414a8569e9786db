/** Reconnect back-off settings. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** Fraction of the delay added or removed at random, so many clients do not retry in step. */
  jitter: number;
}

/** 1, 2, 4, 8 s, capped at 8 s, ±20 %. */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 8000, jitter: 0.2 };

/** Delay before reconnect attempt `attempt` (1-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.max(0, attempt - 1));
  const spread = exp * opts.jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(exp + spread));
}
