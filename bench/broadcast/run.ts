/**
 * Broadcast pipeline benchmark: the desktop app's own path (renderer compositing in headless
 * Chromium with fake devices → WS bridge → engine → ffmpeg → nginx-rtmp) against plain ffmpeg
 * x264 veryfast from a test source, at 720p30 and 1080p30, in one run.
 *
 *   npx tsx bench/broadcast/run.ts [--seconds 60] [--warmup 5] [--encoder copy|x264|both] [--scenes pip,screen]
 *
 * Writes bench/broadcast/RESULTS.md (or --out <file>).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { VideoEncoder } from '@lait/shared';
import { FFMPEG } from '@lait/testkit/paths';
import { startPlatform } from '@lait/testkit/platform';
import { serveRenderer } from '@lait/testkit/desktop-renderer';
import { machine, ROOT } from '../lib/report.js';
import { runAppCase, runPlainCase, type BenchScene, type CaseEnv, type CaseResult } from './cases.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    warmup: { type: 'string', default: '5' },
    encoder: { type: 'string', default: 'copy' },
    sizes: { type: 'string', default: '720p,1080p' },
    scenes: { type: 'string', default: 'pip,screen' },
    out: { type: 'string', default: 'bench/broadcast/RESULTS.md' },
  },
});
const seconds = Number(values.seconds);
const encoders: VideoEncoder[] = values.encoder === 'both' ? ['copy', 'x264'] : [values.encoder === 'x264' ? 'x264' : 'copy'];
const sizes = (values.sizes ?? '').split(',').filter((s): s is '720p' | '1080p' => s === '720p' || s === '1080p');
const scenes = (values.scenes ?? '').split(',').filter((s): s is BenchScene => s === 'pip' || s === 'screen');
const ffprobe = path.join(path.dirname(FFMPEG), 'ffprobe');

function table(results: CaseResult[]): string {
  const rows = results.map((r) => {
    const v = r.video;
    const opt = (n: number | undefined, d = 2) => (n === undefined ? '–' : n.toFixed(d));
    return `| ${r.name} | ${r.cpuPerSec.toFixed(2)} | ${r.chromiumCoreSec ? (r.chromiumCoreSec / r.seconds).toFixed(2) : '–'} | ${opt(r.previewCpuPerSec)} | ${(r.ffmpegCoreSec / r.seconds).toFixed(2)} | ${v.fps.toFixed(2)} | ${v.dropped} | ${opt(r.dupFrames, 0)} / ${opt(r.lateFrames, 0)} | ${v.keyIntervalMin.toFixed(3)}–${v.keyIntervalMax.toFixed(3)} (mean ${v.keyIntervalMean.toFixed(3)}) | ${r.kbps} |`;
  });
  return [
    '| case | CPU core-s per s of video | Chromium | Chromium, preview only | ffmpeg | achieved fps | dropped frames | ffmpeg dup / late compositor ticks | keyframe interval s (min–max) | kb/s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function ratios(results: CaseResult[]): string[] {
  return sizes.flatMap((size) => {
    const plain = results.find((r) => r.name.startsWith(`plain ffmpeg ${size}`));
    return results.filter((r) => r.name.startsWith(`app ${size}`)).map((app) =>
      `- ${app.name}: ${plain ? (app.cpuPerSec / plain.cpuPerSec).toFixed(2) : '?'}× plain ffmpeg's CPU`);
  });
}

async function main() {
  const started = new Date();
  const load = loadavg().map((l) => l.toFixed(2)).join(', ');
  const loadAtEnd = () => loadavg().map((l) => l.toFixed(2)).join(', ');
  const p = await startPlatform();
  const renderer = await serveRenderer();
  const env: CaseEnv = { ffmpeg: FFMPEG, ffprobe, rtmpUrl: p.urls.rtmp, rendererUrl: renderer.url, seconds, warmupSec: Number(values.warmup) };
  const results: CaseResult[] = [];
  let n = 0;
  const key = () => p.lait<{ streamKey: string }>('channel', 'create', `bench-bc-${++n}`, '--json').streamKey;
  try {
    for (const size of sizes) {
      console.log(`plain ffmpeg ${size} …`);
      results.push(await runPlainCase(env, size, key()));
      for (const scene of scenes) {
        for (const encoder of encoders) {
          console.log(`app ${size} ${scene} ${encoder} …`);
          results.push(await runAppCase(env, size, encoder, scene, key()));
        }
      }
      console.log(table(results));
    }
  } finally {
    await renderer.close();
    await p.stop();
  }
  const ffmpegVersion = /ffmpeg version (\S+)/.exec(execFileSync(FFMPEG, ['-version'], { encoding: 'utf8' }))?.[1] ?? '?';
  const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  const md = `# Broadcast pipeline benchmark

Command: \`npx tsx bench/broadcast/run.ts --seconds ${seconds} --warmup ${values.warmup} --encoder ${values.encoder} --sizes ${values.sizes} --scenes ${values.scenes}${values.out === 'bench/broadcast/RESULTS.md' ? '' : ` --out ${values.out}`}\`
Date: ${started.toISOString()} · Machine: ${machine()} · load average at start: ${load}, at end: ${loadAtEnd()}
Software: ${chromium}, ffmpeg ${ffmpegVersion}, nginx-rtmp (Debian), Node ${process.version}

Each case measures ${seconds} s after ${values.warmup} s of warm-up. CPU is utime+stime from /proc over the
window, summed over every Chromium process (browser, renderer, GPU/utility) and ffmpeg. Frames and
keyframes come from ffprobe on the recording the engine writes through ffmpeg's tee muxer (the same
packets as sent to nginx-rtmp), first 3 s excluded. "Dropped" = gaps longer than 1.5 frame intervals,
counted in missing frames. App cases: fake 1280×720 screen at 30 fps (getDisplayMedia, asked for at
the output size), fake microphone, through the app's worker pipeline (VideoFrame streams →
OffscreenCanvas composition → WebCodecs H.264 + Opus → Matroska → engine → ffmpeg). "screen + camera
PiP" composes the fake camera into a corner on a canvas; "screen only" sends the captured frame
itself when it has the output size (no canvas). Plain ffmpeg: testsrc2 + sine generated
by ffmpeg itself (its lavfi generation is included in its CPU), x264 veryfast zerolatency, GOP 30.

${table(results)}

${ratios(results).join('\n')}

Target: app 720p30 ≤ 1.5× plain ffmpeg's CPU, zero dropped frames, keyframes exactly every interval (1 s).
The machine is shared with other sessions: treat single numbers as ±20 %.
`;
  writeFileSync(path.resolve(ROOT, values.out ?? 'bench/broadcast/RESULTS.md'), md);
  console.log(md);
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
