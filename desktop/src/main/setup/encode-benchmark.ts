import { spawn } from 'node:child_process';
import { OUTPUT_PRESETS, type EncodeSample, type OutputPreset, type SetupResult } from '@lait/shared';

/** Bitrate for each preset at 30 fps (60 fps gets 1.5×), from common platform guidance. */
const BITRATE_KBPS: Record<OutputPreset, number> = { '1080p': 4500, '720p': 2500, '480p': 1200, '360p': 800 };
/**
 * Minimum encode speed to recommend a size. Capture, compositing and the browser's encoder share
 * the machine with this x264 estimate, so real time alone (1×) is not enough headroom.
 */
const MIN_SPEED = 1.5;
const ORDER: OutputPreset[] = ['1080p', '720p', '480p', '360p'];

/** Encode `seconds` of a test pattern with libx264 veryfast and time it. */
export function measureEncode(ffmpegPath: string, preset: OutputPreset, fps: number, seconds = 2): Promise<EncodeSample> {
  const { width, height } = OUTPUT_PRESETS[preset];
  const args = [
    '-hide_banner', '-nostdin', '-nostats', '-benchmark',
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`, '-t', String(seconds),
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-b:v', `${BITRATE_KBPS[preset]}k`, '-g', String(fps), '-f', 'null', '-',
  ];
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => void (stderr = (stderr + d).slice(-4000)));
    // Bounded: a machine this slow gets speed 0 rather than a hung setup screen.
    const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 10_000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0 || signal) return resolve({ preset, fps, speed: 0, cpuPerSec: 0 });
      // -benchmark prints "bench: utime=0.458s stime=0.046s rtime=0.791s" at exit.
      const m = /utime=([\d.]+)s stime=([\d.]+)s/.exec(stderr);
      const cpu = m ? Number(m[1]) + Number(m[2]) : 0;
      const round = (n: number) => Math.round(n * 100) / 100;
      resolve({ preset, fps, speed: round(seconds / wall), cpuPerSec: round(cpu / seconds) });
    });
  });
}

/** Pick the largest size that encodes with headroom; 60 fps only when it has twice that. */
export function recommend(samples: EncodeSample[]): SetupResult['recommended'] {
  for (const preset of ORDER) {
    const s30 = samples.find((s) => s.preset === preset && s.fps === 30);
    if (!s30 || s30.speed < MIN_SPEED) continue;
    const fps = s30.speed >= MIN_SPEED * 2 && preset !== '1080p' ? 60 : 30;
    return { preset, fps, videoBitrateKbps: Math.round(BITRATE_KBPS[preset] * (fps === 60 ? 1.5 : 1)) };
  }
  return null;
}

/**
 * Measure what this computer sustains: 1080p, 720p and 480p at 30 fps, largest first, stopping
 * once one keeps up (smaller ones would too), so a fast machine spends about 2 s.
 */
export async function runEncodeBenchmark(ffmpegPath: string, seconds = 2): Promise<SetupResult> {
  const samples: EncodeSample[] = [];
  for (const preset of ['1080p', '720p', '480p'] as const) {
    const sample = await measureEncode(ffmpegPath, preset, 30, seconds);
    samples.push(sample);
    if (sample.speed >= MIN_SPEED) break;
  }
  return { samples, recommended: recommend(samples) ?? { preset: '360p', fps: 30, videoBitrateKbps: BITRATE_KBPS['360p'] } };
}
