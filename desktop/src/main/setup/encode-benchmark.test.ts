import { describe, expect, it } from 'vitest';
import { resolveFfmpeg } from '../broadcast/ffmpeg-path.js';
import { recommendOutput as recommend } from '@lait/shared';
import { measureEncode } from './encode-benchmark.js';

describe('automatic setup', () => {
  it('recommends the largest size that encodes with 1.5× headroom, 60 fps only with twice that', () => {
    expect(recommend([{ preset: '1080p', fps: 30, speed: 1.2, cpuPerSec: 1 }, { preset: '720p', fps: 30, speed: 2.0, cpuPerSec: 0.5 }]))
      .toEqual({ preset: '720p', fps: 30, videoBitrateKbps: 2500 });
    expect(recommend([{ preset: '720p', fps: 30, speed: 3.5, cpuPerSec: 0.3 }])).toEqual({ preset: '720p', fps: 60, videoBitrateKbps: 3750 });
    expect(recommend([{ preset: '1080p', fps: 30, speed: 5, cpuPerSec: 0.3 }])).toEqual({ preset: '1080p', fps: 30, videoBitrateKbps: 4500 });
    expect(recommend([{ preset: '480p', fps: 30, speed: 0.8, cpuPerSec: 2 }])).toBeNull();
  });

  it('measures a real x264 encode with its speed and CPU', async () => {
    const ffmpeg = resolveFfmpeg({ envPath: process.env.PATH })?.path;
    expect(ffmpeg, 'ffmpeg on PATH').toBeTruthy();
    const s = await measureEncode(ffmpeg!, '360p', 30, 1);
    expect(s.speed).toBeGreaterThan(0.5);
    expect(s.cpuPerSec).toBeGreaterThan(0);
  });

  it('reports speed 0 for an encode that fails, and refuses a missing ffmpeg', async () => {
    await expect(measureEncode('/bin/false', '360p', 30, 1)).resolves.toMatchObject({ speed: 0, cpuPerSec: 0 });
    await expect(measureEncode('/nonexistent/ffmpeg', '360p', 30, 1)).rejects.toThrow(/ENOENT/);
  });
});
