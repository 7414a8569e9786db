import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createFixture } from './test/fixture.js';
import { acceptKey } from './test/notify-stub.js';
import { waitFor } from './test/wait.js';

const run = promisify(execFile);
const KEY = 'sk_live_AudioFragmentsKey';
const PLAYBACK_ID = 'pbAudio01';

/** What OBS sends by default: x264 with 1 s keyframes and AAC at 48 kHz stereo. */
function publishLikeObs(url: string) {
  const child = spawn('/usr/bin/ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-re',
    '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', '20',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0',
    '-c:a', 'aac', '-ac', '2', '-ar', '48000', '-b:a', '160k',
    '-f', 'flv', url,
  ], { stdio: 'ignore' });
  onTestFinished(() => { child.kill('SIGKILL'); });
  return child;
}

/** End of the last packet of each kind in a fragment, in seconds. */
async function trackEnds(file: string): Promise<{ video: number; audio: number }> {
  const { stdout } = await run('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'packet=codec_type,pts_time,duration_time', '-of', 'csv=p=0', file]);
  const ends = { video: 0, audio: 0 };
  for (const line of stdout.trim().split('\n')) {
    const [kind, pts, duration] = line.split(',');
    if (kind !== 'video' && kind !== 'audio') continue;
    ends[kind] = Math.max(ends[kind], Number(pts) + Number(duration));
  }
  return ends;
}

describe('fragments of a stream with audio', () => {
  it('carry their audio up to the end of their video, so a player never waits at a fragment boundary', async () => {
    const fx = await createFixture(acceptKey(KEY, PLAYBACK_ID));
    publishLikeObs(`${fx.nginx.urls.rtmp}/${KEY}`);
    const dir = join(fx.nginx.hlsDir, PLAYBACK_ID);
    const playlist = join(dir, 'index.m3u8');
    // Four finished fragments: the last one in the playlist may still be growing, so skip it.
    const fragments = await waitFor('four finished fragments', async () => {
      if (!existsSync(playlist)) return undefined;
      const names = (await readFile(playlist, 'utf8')).split('\n').filter((l) => l.endsWith('.ts'));
      return names.length >= 4 ? names.slice(0, -1) : undefined;
    }, 20_000);
    for (const name of fragments) {
      const ends = await trackEnds(join(dir, name));
      expect(ends.video, name).toBeGreaterThan(0);
      // One AAC frame at 48 kHz is 21.3 ms; the default 300 ms hold-back left 130-210 ms short.
      expect(Math.abs(ends.audio - ends.video), `${name}: audio ends ${(ends.audio - ends.video).toFixed(3)} s from video`).toBeLessThan(0.03);
    }
  });
});
