import { execFile, spawn } from 'node:child_process';
import { buildLadderArgs } from './ffmpeg-args.js';
import { planRungs } from './rungs.js';
import type { LadderRungName } from '@lait/shared';

const TRIAL_SECONDS = 2;
/** Headroom for nginx, the decode of each source and whatever else shares the node. */
const HEADROOM = 0.75;

export interface TrialResult {
  /** Seconds of video per second of wall clock for one stream's ladder (2 = twice real time). */
  speed: number;
  capacity: number;
}

/**
 * Encodes two seconds of a synthetic 720p30 source through the ladder's own arguments (720p's
 * rungs from the configured list) as fast as the machine allows. x264 spreads over every core,
 * so the wall-clock speed is how many such streams the whole node keeps in real time.
 */
export async function measureCapacity(ffmpegPath: string, names: readonly LadderRungName[], encoder = 'libx264'): Promise<TrialResult> {
  const rungs = planRungs(names, { width: 1280, height: 720, fps: 30 });
  if (rungs.length === 0) return { speed: 0, capacity: 0 };
  const args = buildLadderArgs({
    input: `testsrc2=size=1280x720:rate=30:duration=${TRIAL_SECONDS}`,
    inputArgs: ['-f', 'lavfi'],
    sourceFps: 30,
    rungs,
    hasAudio: false,
    encoder,
    outputDir: () => null,
  }).filter((arg, i, all) => arg !== '-progress' && all[i - 1] !== '-progress');
  const started = process.hrtime.bigint();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(ffmpegPath, args, { stdio: 'ignore' });
    child.once('error', () => resolve(-1));
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  if (code !== 0) throw new Error(`ladder trial encode with ${encoder} failed (exit ${String(code)})`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const speed = TRIAL_SECONDS / seconds;
  return { speed, capacity: Math.max(0, Math.floor(speed * HEADROOM)) };
}

/** Hardware H.264 encoders worth a trial, best first; the ladder's own arguments must work with them. */
const HARDWARE_ENCODERS = ['h264_nvenc', 'h264_qsv', 'h264_v4l2m2m'];

function listEncoders(ffmpegPath: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(ffmpegPath, ['-hide_banner', '-encoders'], { timeout: 10_000 }, (_error, stdout) => resolve(stdout ?? ''));
  });
}

/**
 * A hardware encoder ffmpeg offers whose trial encode with the ladder's own arguments succeeds,
 * with that trial; null when none (then libx264). h264_vaapi is not tried: it needs a device and
 * hwupload in the filter graph, which the ladder's arguments do not build.
 */
export async function findHardwareEncoder(ffmpegPath: string, names: readonly LadderRungName[]): Promise<{ encoder: string; trial: TrialResult } | null> {
  const offered = await listEncoders(ffmpegPath);
  for (const encoder of HARDWARE_ENCODERS) {
    if (!new RegExp(`\\s${encoder}\\s`).test(offered)) continue;
    const trial = await measureCapacity(ffmpegPath, names, encoder).catch(() => null);
    if (trial) return { encoder, trial };
  }
  return null;
}
