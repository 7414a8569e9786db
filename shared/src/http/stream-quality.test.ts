import { describe, expect, it } from 'vitest';
import { lowBitrateFloorKbps } from './stream-quality.js';

describe('the low-bitrate floor, by resolution', () => {
  it('calls 746 kb/s too little for 720p but fine for 360p, and asks more at 60 fps', () => {
    expect(746 < lowBitrateFloorKbps(720, 30)).toBe(true);
    expect(746 < lowBitrateFloorKbps(360, 30)).toBe(false);
    expect(2000 < lowBitrateFloorKbps(1080, 30)).toBe(true);
    expect(2000 < lowBitrateFloorKbps(720, 60)).toBe(true);
    expect(2000 < lowBitrateFloorKbps(720, 30)).toBe(false);
  });

  it('falls back to 300 kb/s while the resolution is unknown', () => {
    expect(lowBitrateFloorKbps(null, null)).toBe(300);
  });
});
