import type { HlsConfig } from 'hls.js';

/** One rendition as the player needs it, in hls.js's order (ascending height, then bitrate). */
export interface RenditionInfo {
  height: number;
  /** Peak bits per second (the master playlist's BANDWIDTH). */
  bitrate: number;
}

/**
 * What a first visit assumes: enough for a 360p rung (≈0.6-0.8 Mb/s) but not 480p, so a slow
 * connection starts without a stall and a fast one climbs within a few fragments.
 */
export const DEFAULT_ESTIMATE_BPS = 1_000_000;

/** Start on a rung whose peak bitrate fits in this share of the estimate (hls.js's own up-switch factor). */
export const START_BANDWIDTH_SHARE = 0.7;

/** A remembered estimate older than this says little about today's connection. */
export const ESTIMATE_MAX_AGE_MS = 7 * 24 * 3_600_000;

const ESTIMATE_KEY = 'lait.player.bandwidth';

/**
 * hls.js settings for adaptive start and switching, on top of the low-latency live settings.
 * hls.js weighs each bandwidth sample by its download time, so after a slow link recovers, the
 * quick downloads of small fragments move the estimate by about (fragment bits × ln 2 / half-life)
 * each. A viewer capped at 1.2 Mb/s, once the cap lifted, was back on a 720p source after 15 s with
 * half-lives of 1.5 s / 4 s and 10 s with 1 s / 2.5 s (Chromium, e2e/specs/player/adaptive.spec.ts
 * against a local ladder); by the formula hls.js's live defaults (3 s / 9 s)
 * would climb about 3.6 times slower than 1 s / 2.5 s. The fast one still
 * drops on a single slow fragment.
 */
export function createAbrConfig(estimateBps: number): Partial<HlsConfig> {
  return {
    capLevelToPlayerSize: true,
    abrEwmaDefaultEstimate: estimateBps,
    // Without this a remembered estimate above 5 Mb/s would be cut to hls.js's default ceiling.
    abrEwmaDefaultEstimateMax: Math.max(estimateBps, 5_000_000),
    abrEwmaFastLive: 1,
    abrEwmaSlowLive: 2.5,
  };
}

/**
 * The highest rendition a player `playerHeightPx` device pixels tall can show: the first one at
 * least as tall as the player (as hls.js's capLevelToPlayerSize picks), or the tallest. 0 = not laid out yet.
 */
export function maxLevelForPlayer(levels: readonly RenditionInfo[], playerHeightPx: number): number {
  if (levels.length === 0) return -1;
  if (!(playerHeightPx > 0)) return levels.length - 1;
  const fits = levels.findIndex((l) => l.height >= playerHeightPx);
  return fits === -1 ? levels.length - 1 : fits;
}

/**
 * The rendition to start on: the highest whose peak bitrate fits in {@link START_BANDWIDTH_SHARE}
 * of the estimate, no higher than the player's size allows, and the lowest when none fits.
 */
export function chooseStartLevel(levels: readonly RenditionInfo[], estimateBps: number, playerHeightPx: number): number {
  const max = maxLevelForPlayer(levels, playerHeightPx);
  if (max < 0) return -1;
  const budget = estimateBps * START_BANDWIDTH_SHARE;
  for (let i = max; i > 0; i--) {
    const level = levels[i];
    if (level && level.bitrate > 0 && level.bitrate <= budget) return i;
  }
  return 0;
}

/** The estimate remembered by this browser, or null when there is none, it is stale or unreadable. */
export function readStoredEstimate(storage: Storage | null, now: number): number | null {
  try {
    const raw = storage?.getItem(ESTIMATE_KEY);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { bps, at } = value as { bps?: unknown; at?: unknown };
    if (typeof bps !== 'number' || typeof at !== 'number' || !Number.isFinite(bps) || bps <= 0) return null;
    return now - at <= ESTIMATE_MAX_AGE_MS && at <= now ? bps : null;
  } catch {
    return null;
  }
}

/** Remembers hls.js's bandwidth estimate for the next visit; ignores values that are no estimate. */
export function storeEstimate(storage: Storage | null, bps: number, now: number): void {
  if (!Number.isFinite(bps) || bps <= 0) return;
  try {
    storage?.setItem(ESTIMATE_KEY, JSON.stringify({ bps: Math.round(bps), at: now }));
  } catch {
    // Private mode or a full quota: the next visit starts from the default.
  }
}

/** localStorage where the browser allows it (it throws in some privacy modes). */
export function browserStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
