import { readJwtTimes } from '../../lib/jwt';

/** Refresh this long before expiry (at most a quarter of the token's lifetime). */
export const REFRESH_MARGIN_MS = 60_000;
/** Never refresh in a tighter loop than this, whatever the token says. */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** A token this close to expiry is refreshed before use rather than sent. */
export const EXPIRY_SLACK_MS = 5_000;
/** Used when the token carries no readable `exp`. */
export const FALLBACK_LIFETIME_MS = 5 * 60_000;

/**
 * When the access token expires by the local clock. The lifetime is taken from the issuer's own
 * `exp - iat`, so a client clock that is minutes off does not make every token look expired.
 */
export function localExpiry(token: string, receivedAtMs: number): number {
  const times = readJwtTimes(token);
  if (!times) return receivedAtMs + FALLBACK_LIFETIME_MS;
  const lifetimeMs = times.iat !== null ? (times.exp - times.iat) * 1000 : times.exp * 1000 - receivedAtMs;
  return receivedAtMs + Math.max(0, lifetimeMs);
}

/** How long to wait before refreshing a token that expires at `expiresAtMs`. */
export function refreshDelayMs(expiresAtMs: number, receivedAtMs: number, nowMs: number): number {
  const lifetime = expiresAtMs - receivedAtMs;
  const margin = Math.min(REFRESH_MARGIN_MS, lifetime / 4);
  return Math.max(MIN_REFRESH_DELAY_MS, expiresAtMs - margin - nowMs);
}
