import { describe, expect, it } from 'vitest';
import { meterFraction } from './audio-mixer';

describe('meterFraction', () => {
  it('maps peaks onto a -60…0 dBFS scale', () => {
    expect(meterFraction(1)).toBe(1);
    expect(meterFraction(0.5)).toBeCloseTo(0.9, 1); // -6 dB
    expect(meterFraction(0.01)).toBeCloseTo(0.333, 2); // -40 dB
    expect(meterFraction(0)).toBe(0);
    expect(meterFraction(0.0005)).toBe(0); // below -60 dB reads as silence
  });
});
