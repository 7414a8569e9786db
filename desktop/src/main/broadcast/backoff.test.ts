import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

/** The server's default be-right-back grace (LIVE_GRACE_SEC): a reconnect inside it resumes the same broadcast. */
const SERVER_GRACE_MS = 30_000;

describe('reconnect back-off', () => {
  it('tries five times within the first 15 s even at the longest jitter, well inside the server grace', () => {
    const worst = () => 0.999_999;
    const waits = [1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, DEFAULT_BACKOFF, worst));
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(15_000);
    // Later attempts keep coming at most ~5 s apart, so even an ingest that is back at 25 s is caught.
    expect(backoffDelay(50, DEFAULT_BACKOFF, worst)).toBeLessThanOrEqual(SERVER_GRACE_MS / 6);
  });
});
