import type { BroadcastHealth } from '@lait/shared';
import { describe, expect, it } from 'vitest';
import { formatDuration, healthWarnings, type HealthSample } from './health-warnings';

const h = (over: Partial<BroadcastHealth>, lateFrames = 0, droppedFrames = 0): HealthSample => ({
  health: { frame: 0, fps: 30, bitrateKbps: 2500, speed: 1, dropFrames: 0, dupFrames: 0, outTimeMs: 10_000, at: 0, ...over },
  lateFrames,
  droppedFrames,
});

describe('health warnings', () => {
  it('stays quiet on a healthy stream and while ffmpeg warms up', () => {
    expect(healthWarnings([h({}), h({}), h({})])).toEqual([]);
    expect(healthWarnings([h({ speed: 0.5, outTimeMs: 1000 }), h({ speed: 0.6, outTimeMs: 2000 }), h({ speed: 0.7, outTimeMs: 3000 })])).toEqual([]);
  });

  it('warns about the upload when speed stays under 0.95 for three blocks, not for one', () => {
    expect(healthWarnings([h({}), h({}), h({ speed: 0.8 })])).toEqual([]);
    expect(healthWarnings([h({ speed: 0.9 }), h({ speed: 0.85 }), h({ speed: 0.8 })])).toEqual(['upload-slow']);
  });

  it('warns about the upload when the queue to ffmpeg keeps growing past 1 MB', () => {
    expect(healthWarnings([h({ queuedBytes: 600_000 }), h({ queuedBytes: 900_000 }), h({ queuedBytes: 1_200_000 })])).toEqual(['upload-slow']);
    expect(healthWarnings([h({ queuedBytes: 1_600_000 }), h({ queuedBytes: 1_400_000 }), h({ queuedBytes: 1_200_000 })])).toEqual([]);
  });

  it('warns when dropped frames rise or the compositor runs late', () => {
    expect(healthWarnings([h({ dropFrames: 3 }), h({ dropFrames: 3 }), h({ dropFrames: 5 })])).toEqual(['frames-dropped']);
    expect(healthWarnings([h({ dropFrames: 3 }), h({ dropFrames: 3 }), h({ dropFrames: 3 })])).toEqual([]);
    expect(healthWarnings([h({}, 0), h({}, 2), h({}, 9)])).toEqual(['frames-late']);
  });

  it("counts frames the app's own encoder had to drop", () => {
    expect(healthWarnings([h({}, 0, 0), h({}, 0, 0), h({}, 0, 4)])).toEqual(['frames-dropped']);
    expect(healthWarnings([h({}, 0, 4), h({}, 0, 4), h({}, 0, 4)])).toEqual([]);
  });

  it('formats durations as h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00:00');
    expect(formatDuration(3_723_999)).toBe('1:02:03');
  });
});
