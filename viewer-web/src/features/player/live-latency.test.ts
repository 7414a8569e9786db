import { describe, expect, it } from 'vitest';
import { LIVE_SYNC_SEC } from './hls-config';
import { LinkLatency, targetLatencyFor, type LatencyControls } from './live-latency';

const controls = (): LatencyControls => ({ targetLatency: LIVE_SYNC_SEC, config: { liveMaxLatencyDuration: 3 } });

describe('the target latency follows the link', () => {
  it('stays at the low-latency target on a fast link and sits further back where fragments load slowly', () => {
    expect(targetLatencyFor(1, 0.03)).toBe(LIVE_SYNC_SEC);
    expect(targetLatencyFor(1, 0.65)).toBe(2.2);
    expect(targetLatencyFor(1, 0.9)).toBe(2.4);
  });

  it('moves hls.js back on a slow link (and its jump-back limit with it), and forward again when the link is fast', () => {
    const hls = controls();
    const link = new LinkLatency(3);
    for (let i = 0; i < 3; i++) link.fragmentLoaded(hls, 1, 0.05);
    expect(hls.targetLatency).toBe(LIVE_SYNC_SEC);
    for (let i = 0; i < 8; i++) link.fragmentLoaded(hls, 1, 0.65);
    expect(hls.targetLatency).toBeGreaterThanOrEqual(2);
    expect(hls.config.liveMaxLatencyDuration).toBeGreaterThanOrEqual(hls.targetLatency! + 1.5);
    for (let i = 0; i < 12; i++) link.fragmentLoaded(hls, 1, 0.05);
    expect(hls.targetLatency).toBe(LIVE_SYNC_SEC);
    expect(hls.config.liveMaxLatencyDuration).toBe(3);
  });

  it('ignores a load it cannot read', () => {
    const hls = controls();
    const link = new LinkLatency(3);
    link.fragmentLoaded(hls, 0, 5);
    link.fragmentLoaded(hls, 1, Number.NaN);
    expect(hls.targetLatency).toBe(LIVE_SYNC_SEC);
  });
});
