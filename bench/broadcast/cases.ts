import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OutputPreset, VideoEncoder } from '@lait/shared';
import { startHeadlessDesktop } from '@lait/desktop/headless';
import { launchBrowser } from '@lait/testkit/browser';
import { cpuMeter, isChromium, isFfmpeg } from './proc-cpu.js';
import { analyseVideo, type StreamAnalysis } from './probe-recording.js';

export interface CaseResult {
  name: string;
  seconds: number;
  chromiumCoreSec: number;
  ffmpegCoreSec: number;
  /** (Chromium + ffmpeg) core-seconds per second of video. */
  cpuPerSec: number;
  kbps: number;
  video: StreamAnalysis;
  /** App only: Chromium core-s/s with the same scene composed in the preview but not live. */
  previewCpuPerSec?: number;
  /** App only: frames ffmpeg's fps filter duplicated (x264 mode fills missing source frames). */
  dupFrames?: number;
  /** App only: compositor ticks more than 1.5 intervals late while live. */
  lateFrames?: number;
  /** App only: how the pipeline made its pictures (direct frame, I420 paste or canvas). */
  path?: string;
}

export interface CaseEnv {
  ffmpeg: string;
  ffprobe: string;
  rtmpUrl: string;
  rendererUrl: string;
  seconds: number;
  warmupSec: number;
}

/** The scenes measured: the full composition, and the common "just my screen" case. */
export type BenchScene = 'pip' | 'screen';

const SIZES: Record<'720p' | '1080p', { width: number; height: number; kbps: number }> = {
  '720p': { width: 1280, height: 720, kbps: 2500 },
  '1080p': { width: 1920, height: 1080, kbps: 4500 },
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function finish(name: string, env: CaseEnv, chromium: number, ffmpeg: number, file: string): CaseResult {
  const video = analyseVideo(env.ffprobe, file, 30);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    name, seconds: env.seconds, chromiumCoreSec: round(chromium), ffmpegCoreSec: round(ffmpeg),
    cpuPerSec: round((chromium + ffmpeg) / env.seconds),
    kbps: Math.round((statSync(file).size * 8) / 1000 / Math.max(1, video.durationSec + 3)),
    video,
  };
}

/**
 * The app's own pipeline: built renderer in headless Chromium (fake screen + camera PiP + mic),
 * WebSocket bridge, the real engine and ffmpeg, into nginx-rtmp; recording on (the same bytes as
 * sent, via tee) for the frame analysis.
 */
export async function runAppCase(env: CaseEnv, preset: '720p' | '1080p', encoder: VideoEncoder, scene: BenchScene, key: string): Promise<CaseResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-bench-broadcast-'));
  const app = await startHeadlessDesktop({
    ffmpegPath: env.ffmpeg, dataDir,
    settings: { mode: 'custom', rtmpUrl: env.rtmpUrl, preset: preset as OutputPreset, fps: 30, videoBitrateKbps: SIZES[preset].kbps, encoder, record: true },
  });
  const browser = await launchBrowser({ fakeMedia: true });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${env.rendererUrl}?lait-bridge=${encodeURIComponent(app.bridgeUrl)}`);
    await page.getByTestId('custom-key').fill(key);
    await page.click('[data-testid="source-share-screen"]');
    await page.locator('[data-testid="source-camera"] option').nth(1).waitFor({ state: 'attached', timeout: 15_000 });
    if (scene === 'pip') await page.getByTestId('source-camera').selectOption((await page.locator('[data-testid="source-camera"] option').nth(1).getAttribute('value')) ?? '');
    await page.getByTestId('source-mic').selectOption((await page.locator('[data-testid="source-mic"] option').nth(1).getAttribute('value')) ?? '');
    await page.getByTestId(`scene-${scene}`).check();
    // Preview only: the same capture and compositing, no encoder, to split Chromium's cost.
    await sleep(env.warmupSec * 1000);
    const preview = cpuMeter(isChromium);
    const previewSec = Math.min(10, env.seconds);
    await sleep(previewSec * 1000);
    const previewCpuPerSec = preview.coreSeconds() / previewSec;
    await page.getByTestId('go-live').click();
    await page.locator('[data-testid="broadcast-status"][data-state="live"]').waitFor({ timeout: 30_000 });
    await sleep(env.warmupSec * 1000);
    const chromium = cpuMeter(isChromium);
    const ffmpeg = cpuMeter(isFfmpeg);
    await sleep(env.seconds * 1000);
    const [c, f] = [chromium.coreSeconds(), ffmpeg.coreSeconds()];
    const state = app.core.engine.status();
    if (state.state !== 'live' || state.epoch !== 1) throw new Error(`broadcast not steady: ${state.state}, epoch ${state.epoch}`);
    const lateFrames = Number(/\/\s*(\d+)/.exec((await page.getByTestId('health-dropped').textContent()) ?? '')?.[1] ?? NaN);
    const dupFrames = state.health?.dupFrames ?? 0;
    const picturePath = (await page.getByTestId('health-panel').getAttribute('data-path')) ?? '?';
    await page.getByTestId('stop').click();
    await page.locator('[data-testid="broadcast-status"][data-state="idle"]').waitFor({ timeout: 15_000 });
    const file = readdirSync(app.recordDir).map((n) => path.join(app.recordDir, n))[0];
    if (!file) throw new Error('no recording');
    const what = scene === 'pip' ? 'screen + camera PiP' : 'screen only';
    const name = `app ${preset}30, ${what} (${encoder === 'copy' ? 'WebCodecs H.264 → ffmpeg copy' : 'WebCodecs H.264 → ffmpeg x264 veryfast'})`;
    return { ...finish(`${name} [${picturePath}]`, env, c, f, file), previewCpuPerSec: Math.round(previewCpuPerSec * 1000) / 1000, dupFrames, lateFrames, path: picturePath };
  } finally {
    await browser.close();
    await app.close();
  }
}

/** Plain ffmpeg: testsrc2 + tone, libx264 veryfast zerolatency, fixed 1 s GOP, into nginx-rtmp (and a recording). */
export async function runPlainCase(env: CaseEnv, preset: '720p' | '1080p', key: string): Promise<CaseResult> {
  const { width, height, kbps } = SIZES[preset];
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'lait-bench-plain-')), 'plain.mkv');
  const total = env.warmupSec + env.seconds + 2;
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=30`,
    '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(total), '-map', '0:v', '-map', '1:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-b:v', `${kbps}k`, '-maxrate', `${kbps}k`,
    '-bufsize', `${kbps * 2}k`, '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-c:a', 'aac', '-b:a', '128k',
    '-flags', '+global_header', '-f', 'tee', `[f=flv:onfail=abort]${env.rtmpUrl}/${key}|[f=matroska]${file}`,
  ];
  const child = spawn(env.ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  const killer = setTimeout(() => child.kill('SIGKILL'), (total + 30) * 1000);
  await sleep(env.warmupSec * 1000);
  const meter = cpuMeter(isFfmpeg);
  await sleep(env.seconds * 1000);
  const f = meter.coreSeconds();
  const code = await exited;
  clearTimeout(killer);
  if (code !== 0) throw new Error(`plain ffmpeg exited ${code}: ${stderr.slice(-1000)}`);
  return finish(`plain ffmpeg ${preset}30 (testsrc2 → x264 veryfast)`, env, 0, f, file);
}
