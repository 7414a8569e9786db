import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { measureCapacity } from './capacity.js';
import { probeFragment } from './mpegts.js';
import { parseCapacity, parseLadderList, planRungs } from './rungs.js';

const run = promisify(execFile);

describe('ladder configuration', () => {
  it('reads LADDER as off, a comma list (sorted highest first), or the default', () => {
    expect(parseLadderList(undefined)).toEqual(['720p', '480p', '360p']);
    expect(parseLadderList('off')).toEqual([]);
    expect(parseLadderList('360p, 1080p,360p')).toEqual(['1080p', '360p']);
    expect(() => parseLadderList('720p,4k')).toThrow(/LADDER: unknown rung 4k/);
  });

  it('reads LADDER_CAPACITY as a whole number or unset', () => {
    expect(parseCapacity(undefined)).toBeUndefined();
    expect(parseCapacity('0')).toBe(0);
    expect(() => parseCapacity('-1')).toThrow(/LADDER_CAPACITY/);
    expect(() => parseCapacity('two')).toThrow(/LADDER_CAPACITY/);
  });

  it('plans only rungs strictly below the source height, at 30 fps at most', () => {
    const rungs = planRungs(['1080p', '720p', '480p', '360p'], { width: 1280, height: 720, fps: 60 });
    expect(rungs.map((r) => [r.name, r.width, r.height, r.fps])).toEqual([['480p', 854, 480, 30], ['360p', 640, 360, 30]]);
    expect(planRungs(['720p'], { width: 1280, height: 720, fps: 30 })).toEqual([]);
  });
});

describe('fragment probe', () => {
  it('reads the first video PTS, the avc1 codec string and the audio from an MPEG-TS file as ffprobe does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lait-ladder-probe-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'a.ts');
    await run('/usr/bin/ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15:duration=1',
      '-f', 'lavfi', '-i', 'sine=sample_rate=48000:duration=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-output_ts_offset', '12.345', '-f', 'mpegts', file,
    ]);
    const { stdout } = await run('/usr/bin/ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts', '-of', 'csv=p=0', file]);
    const info = await probeFragment(file);
    expect(info?.startPts).toBe(Number(stdout.trim().split('\n')[0]!.replace(',', '')));
    // ultrafast fits Constrained Baseline (profile_idc 66, constraint_set0+1), whatever -profile asks.
    const level = await run('/usr/bin/ffprobe', ['-v', 'error', '-select_streams', 'v', '-show_entries', 'stream=level', '-of', 'csv=p=0', file]);
    expect(info?.videoCodec).toBe(`avc1.42C0${Number(level.stdout.trim().split('\n')[0]!.replace(',', '')).toString(16).toUpperCase().padStart(2, '0')}`);
    expect(info?.hasAudio).toBe(true);
  });
});

describe('capacity trial', () => {
  it('encodes a synthetic 720p30 source through the ladder\'s own arguments and derives a capacity from its speed', async () => {
    const trial = await measureCapacity('/usr/bin/ffmpeg', ['720p', '480p', '360p']);
    expect(trial.speed).toBeGreaterThan(0);
    expect(trial.capacity).toBe(Math.floor(trial.speed * 0.75));
  });

  it('fails loudly when ffmpeg cannot run the ladder (the supervisor then ladders nothing)', async () => {
    await expect(measureCapacity('/usr/bin/ffmpeg', ['480p'], 'no_such_encoder')).rejects.toThrow(/trial encode with no_such_encoder failed/);
  });
});
