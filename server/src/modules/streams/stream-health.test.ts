import { describe, expect, it } from 'vitest';
import { keyframeIntervalFromPlaylist } from './stream-health.js';

const playlist = (durations: number[]) => ['#EXTM3U', '#EXT-X-TARGETDURATION:4', ...durations.flatMap((d, i) => [`#EXTINF:${d.toFixed(3)},`, `${i}.ts`])].join('\n');

describe('keyframe interval from the live playlist', () => {
  it('reads the GOP from fragment durations once a few fragments exist', () => {
    expect(keyframeIntervalFromPlaylist(playlist([1, 1]))).toBeNull();
    expect(keyframeIntervalFromPlaylist(playlist([1.0, 1.0, 1.0, 1.0]))).toBe(1);
    expect(keyframeIntervalFromPlaylist(playlist([1.02, 4.0, 4.0, 4.0]))).toBe(4);
    expect(keyframeIntervalFromPlaylist(playlist([8.333, 8.333, 8.333]))).toBeCloseTo(8.33, 2);
  });
});
