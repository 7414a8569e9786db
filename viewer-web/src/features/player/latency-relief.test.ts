import { describe, expect, it } from 'vitest';
import { canRestoreTarget, MAX_RELIEVED_TARGET_SEC, relievedTarget } from './latency-relief';

describe('latency relief', () => {
  it('keeps the playhead where a stall on a slow link left it, plus half a fragment', () => {
    expect(relievedTarget({ estimateBps: 1_150_000, levelBps: 1_000_000, latencySec: 3.2, targetSec: 1.5, abrCanGoLower: false })).toBeCloseTo(3.7);
  });

  it('leaves a stall on a fast link to hls.js (a CPU spike, not the network)', () => {
    expect(relievedTarget({ estimateBps: 8_000_000, levelBps: 1_000_000, latencySec: 3.2, targetSec: 1.5, abrCanGoLower: false })).toBeNull();
  });

  it('leaves a slow link to ABR while it has a lower rung to switch to', () => {
    expect(relievedTarget({ estimateBps: 1_150_000, levelBps: 1_000_000, latencySec: 3.2, targetSec: 1.5, abrCanGoLower: true })).toBeNull();
  });

  it('never moves the target closer, nor past the ceiling', () => {
    expect(relievedTarget({ estimateBps: 1_000_000, levelBps: 1_000_000, latencySec: 2, targetSec: 4, abrCanGoLower: false })).toBe(4.5);
    expect(relievedTarget({ estimateBps: 1_000_000, levelBps: 1_000_000, latencySec: 20, targetSec: 2, abrCanGoLower: false })).toBe(MAX_RELIEVED_TARGET_SEC);
    expect(relievedTarget({ estimateBps: 1_000_000, levelBps: 1_000_000, latencySec: 9, targetSec: MAX_RELIEVED_TARGET_SEC, abrCanGoLower: false })).toBeNull();
  });

  it('does nothing without an estimate or a bitrate', () => {
    expect(relievedTarget({ estimateBps: Number.NaN, levelBps: 1_000_000, latencySec: 3, targetSec: 1.5, abrCanGoLower: false })).toBeNull();
    expect(relievedTarget({ estimateBps: 1_000_000, levelBps: 0, latencySec: 3, targetSec: 1.5, abrCanGoLower: false })).toBeNull();
  });

  it('goes back to low latency once the link carries the rung twice over', () => {
    expect(canRestoreTarget({ estimateBps: 1_900_000, levelBps: 1_000_000 })).toBe(false);
    expect(canRestoreTarget({ estimateBps: 2_000_000, levelBps: 1_000_000 })).toBe(true);
  });
});
