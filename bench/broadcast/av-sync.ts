/**
 * Audio/video sync through the desktop app's whole pipeline: a fake camera playing a file with a
 * white flash every second and a fake microphone playing a file with a 1 kHz beep at the same
 * instants (Chromium's `--use-file-for-fake-*-capture`), scene "camera only", live into
 * nginx-rtmp with the recording on; then, in the recording, every flash is paired with the
 * nearest beep. Positive offset = audio late.
 *
 *   npx tsx bench/broadcast/av-sync.ts [--seconds 30] [--encoder copy|x264]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { VideoEncoder } from '@lait/shared';
import { startHeadlessDesktop } from '@lait/desktop/headless';
import { launchBrowser } from '@lait/testkit/browser';
import { FFMPEG } from '@lait/testkit/paths';
import { startPlatform } from '@lait/testkit/platform';
import { serveRenderer } from '@lait/testkit/desktop-renderer';
import { machine, writeSection } from '../lib/report.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '30' }, encoder: { type: 'string', default: 'copy' } } });
const seconds = Number(values.seconds);
const encoder: VideoEncoder = values.encoder === 'x264' ? 'x264' : 'copy';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ffprobe = path.join(path.dirname(FFMPEG), 'ffprobe');

/** 10 s loops: a flash (video) and a beep (audio) starting at 0.5 s, 1.5 s, … */
function makeSources(dir: string) {
  const video = path.join(dir, 'flash.y4m');
  const audio = path.join(dir, 'beep.wav');
  const run = (args: string[]) => execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  run(['-f', 'lavfi', '-i', 'color=c=0x202020:s=640x360:r=30:d=10',
    '-vf', "drawbox=c=white:t=fill:enable='lt(mod(t-0.5\\,1)\\,0.1)*gte(t\\,0.5)'", '-pix_fmt', 'yuv420p', video]);
  run(['-f', 'lavfi', '-i', "aevalsrc='if(lt(mod(t-0.5\\,1)\\,0.1)*gte(t\\,0.5)\\, 0.5*sin(2*PI*1000*t)\\, 0)':s=48000:d=10", '-ac', '1', audio]);
  return { video, audio };
}

/** Onsets of flashes (video luma jumps) and beeps (audio envelope) in the recording, in seconds. */
function onsets(file: string): { flashes: number[]; beeps: number[] } {
  const lum = execFileSync(ffprobe, ['-v', 'error', '-f', 'lavfi', '-i', `movie=${file},signalstats`,
    '-show_entries', 'frame=pts_time:frame_tags=lavfi.signalstats.YAVG', '-of', 'csv=p=0'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const flashes: number[] = [];
  let bright = false;
  for (const line of lum.trim().split('\n')) {
    const [t, y] = line.split(',').map(Number);
    if (t === undefined || y === undefined) continue;
    if (!bright && y > 100) flashes.push(t);
    bright = y > 100;
  }
  const pcm = spawnSync(FFMPEG, ['-v', 'error', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', '48000', '-f', 's16le', '-'], { maxBuffer: 256 << 20 }).stdout;
  const samples = new Int16Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.byteLength / 2));
  // The decoded audio starts at the stream's start time; read it so the two clocks line up.
  const aStart = Number(execFileSync(ffprobe, ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=start_time', '-of', 'csv=p=0', file], { encoding: 'utf8' }).trim()) || 0;
  const beeps: number[] = [];
  let quietUntil = 0;
  for (let i = 0; i < samples.length; i++) {
    if (i < quietUntil) continue;
    if (Math.abs(samples[i] ?? 0) > 4000) {
      beeps.push(aStart + i / 48000);
      quietUntil = i + 48000 * 0.5;
    }
  }
  return { flashes, beeps };
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'lait-avsync-'));
  const src = makeSources(dir);
  const p = await startPlatform();
  const renderer = await serveRenderer();
  const app = await startHeadlessDesktop({
    ffmpegPath: FFMPEG, dataDir: dir,
    settings: { mode: 'custom', rtmpUrl: p.urls.rtmp, preset: '720p', fps: 30, encoder, record: true },
  });
  const browser = await launchBrowser({ fakeMedia: true, extraArgs: [`--use-file-for-fake-video-capture=${src.video}`, `--use-file-for-fake-audio-capture=${src.audio}`] });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${renderer.url}?lait-bridge=${encodeURIComponent(app.bridgeUrl)}`);
    await page.getByTestId('custom-key').fill(p.lait<{ streamKey: string }>('channel', 'create', 'bench-avsync', '--json').streamKey);
    await page.getByTestId('scene-camera').check();
    await page.locator('[data-testid="source-camera"] option').nth(1).waitFor({ state: 'attached', timeout: 15_000 });
    await page.getByTestId('source-camera').selectOption((await page.locator('[data-testid="source-camera"] option').nth(1).getAttribute('value')) ?? '');
    // Selecting the mic reopens camera and mic together, so both files start playing within milliseconds.
    await page.getByTestId('source-mic').selectOption((await page.locator('[data-testid="source-mic"] option').nth(1).getAttribute('value')) ?? '');
    await sleep(2000);
    await page.getByTestId('go-live').click();
    await page.locator('[data-testid="broadcast-status"][data-state="live"]').waitFor({ timeout: 30_000 });
    await sleep(seconds * 1000);
    await page.getByTestId('stop').click();
    await page.locator('[data-testid="broadcast-status"][data-state="idle"]').waitFor({ timeout: 15_000 });
  } finally {
    await browser.close();
    await app.close();
    await renderer.close();
    await p.stop();
  }
  const file = readdirSync(app.recordDir).map((n) => path.join(app.recordDir, n))[0];
  if (!file) throw new Error('no recording');
  const { flashes, beeps } = onsets(file);
  const pairs = flashes.flatMap((f) => {
    const b = beeps.reduce((best, x) => (Math.abs(x - f) < Math.abs(best - f) ? x : best), Number.POSITIVE_INFINITY);
    return Math.abs(b - f) < 0.45 ? [{ t: f, ms: Math.round((b - f) * 1000) }] : [];
  });
  const offsets = pairs.map((x) => x.ms);
  // A straight line through the offsets separates a constant offset (the pipeline) from a drift
  // (one source's clock running fast or slow against the other).
  const n = pairs.length;
  const mt = pairs.reduce((a, x) => a + x.t, 0) / n;
  const mo = pairs.reduce((a, x) => a + x.ms, 0) / n;
  const slope = pairs.reduce((a, x) => a + (x.t - mt) * (x.ms - mo), 0) / Math.max(1e-9, pairs.reduce((a, x) => a + (x.t - mt) ** 2, 0));
  const atStart = Math.round(mo + slope * ((pairs[0]?.t ?? 0) - mt));
  const spacing = (xs: number[]) => (xs.length > 1 ? ((xs.at(-1)! - xs[0]!) / (xs.length - 1)).toFixed(4) : '?');
  if (offsets.length < seconds / 2) throw new Error(`only ${offsets.length} flash/beep pairs found (${flashes.length} flashes, ${beeps.length} beeps)`);
  const sorted = [...offsets].sort((a, b) => a - b);
  const mean = Math.round(offsets.reduce((a, b) => a + b, 0) / offsets.length);
  const line = `| ${encoder} | ${offsets.length} | ${atStart} ms | ${slope.toFixed(2)} ms/s | ${mean} ms | ${sorted[0]}…${sorted.at(-1)} ms | ${spacing(flashes)} s / ${spacing(beeps)} s |`;
  console.log(`flash/beep pairs: ${offsets.join(', ')}\n${line}`);
  writeSection('broadcast-avsync', `## Desktop broadcast: audio/video sync

Command: \`npx tsx bench/broadcast/av-sync.ts --seconds ${seconds} --encoder ${encoder}\` · ${new Date().toISOString()} · ${machine()}

Fake camera and microphone play files with a flash and a 1 kHz beep at the same instants every
second; scene "camera only", 720p30, live into nginx-rtmp with recording; each flash in the
recording is paired with the nearest beep. Positive = audio after video. Includes Chromium's
capture of both devices (opened together, within a few ms). Offsets come in steps of one frame
(33 ms). A drift with flash spacing above 1 s is the fake camera's file playback running slow
against the audio clock; the app stamps video by its arrival, so it follows that source.

| ffmpeg video | pairs | offset at start (fitted) | drift | mean offset | range | flash / beep spacing |
| --- | --- | --- | --- | --- | --- | --- |
${line}
`);
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
