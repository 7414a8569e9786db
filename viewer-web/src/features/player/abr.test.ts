import { describe, expect, it } from 'vitest';
import {
  chooseStartLevel,
  createAbrConfig,
  DEFAULT_ESTIMATE_BPS,
  ESTIMATE_MAX_AGE_MS,
  maxLevelForPlayer,
  readStoredEstimate,
  storeEstimate,
} from './abr';
import { LOW_LATENCY_HLS_CONFIG } from './hls-config';

/** hls.js's order for a 1080p source laddered to 720p, 480p and 360p: ascending height. */
const LADDER = [
  { height: 360, bitrate: 800_000 },
  { height: 480, bitrate: 1_400_000 },
  { height: 720, bitrate: 2_800_000 },
  { height: 1080, bitrate: 6_000_000 },
];

describe('start level', () => {
  it('starts on the highest rung whose peak bitrate fits in 70% of the estimate', () => {
    expect(chooseStartLevel(LADDER, 10_000_000, 0)).toBe(3);
    expect(chooseStartLevel(LADDER, 4_500_000, 0)).toBe(2);
    expect(chooseStartLevel(LADDER, 2_000_000, 0)).toBe(1);
    expect(chooseStartLevel(LADDER, 3_999_999, 0)).toBe(1);
  });

  it('starts on the lowest rung when nothing fits, and on 360p from the default estimate', () => {
    expect(chooseStartLevel(LADDER, 100_000, 0)).toBe(0);
    expect(chooseStartLevel(LADDER, DEFAULT_ESTIMATE_BPS, 0)).toBe(0);
  });

  it('never starts above what the player can show', () => {
    expect(maxLevelForPlayer(LADDER, 450)).toBe(1);
    expect(maxLevelForPlayer(LADDER, 480)).toBe(1);
    expect(maxLevelForPlayer(LADDER, 1440)).toBe(3);
    expect(chooseStartLevel(LADDER, 50_000_000, 450)).toBe(1);
    expect(chooseStartLevel(LADDER, 50_000_000, 700)).toBe(2);
  });

  it('answers -1 without levels and 0 with a single one', () => {
    expect(chooseStartLevel([], 5_000_000, 0)).toBe(-1);
    expect(chooseStartLevel([{ height: 720, bitrate: 3_000_000 }], 100_000, 0)).toBe(0);
  });
});

describe('remembered bandwidth estimate', () => {
  const NOW = 1_800_000_000_000;

  it('reads back what was stored, rounded to whole bits per second', () => {
    storeEstimate(localStorage, 3_456_789.4, NOW);
    expect(readStoredEstimate(localStorage, NOW + 60_000)).toBe(3_456_789);
  });

  it('forgets an estimate older than a week, or from the future', () => {
    storeEstimate(localStorage, 3_000_000, NOW);
    expect(readStoredEstimate(localStorage, NOW + ESTIMATE_MAX_AGE_MS)).toBe(3_000_000);
    expect(readStoredEstimate(localStorage, NOW + ESTIMATE_MAX_AGE_MS + 1)).toBeNull();
    expect(readStoredEstimate(localStorage, NOW - 1)).toBeNull();
  });

  it('ignores what is no estimate, in storage or from hls.js', () => {
    storeEstimate(localStorage, Number.NaN, NOW);
    storeEstimate(localStorage, 0, NOW);
    expect(readStoredEstimate(localStorage, NOW)).toBeNull();
    for (const raw of ['garbage', '{"bps":"fast","at":1}', '{"bps":-5,"at":1}', 'null', '42']) {
      localStorage.setItem('lait.player.bandwidth', raw);
      expect(readStoredEstimate(localStorage, NOW)).toBeNull();
    }
    expect(readStoredEstimate(null, NOW)).toBeNull();
  });
});

describe('hls.js ABR settings', () => {
  it('caps to the player size, seeds the estimate and reacts faster than hls.js on live', () => {
    const config = createAbrConfig(2_000_000);
    expect(config.capLevelToPlayerSize).toBe(true);
    expect(config.abrEwmaDefaultEstimate).toBe(2_000_000);
    expect(config.abrEwmaFastLive).toBeLessThan(3);
    expect(config.abrEwmaSlowLive).toBeLessThan(9);
    expect(config.abrEwmaFastLive).toBeLessThan(config.abrEwmaSlowLive!);
  });

  it('keeps a remembered estimate above hls.js’s 5 Mb/s default ceiling', () => {
    expect(createAbrConfig(12_000_000).abrEwmaDefaultEstimateMax).toBe(12_000_000);
  });

  it('leaves the low-latency live settings alone', () => {
    const keys = Object.keys(createAbrConfig(1_000_000));
    expect(keys.filter((k) => k in LOW_LATENCY_HLS_CONFIG)).toEqual([]);
  });
});
