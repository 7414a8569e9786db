import { spawn } from 'node:child_process';
import { OUTPUT_PRESETS, recommendOutput, SETUP_BITRATE_KBPS as BITRATE_KBPS, SETUP_MIN_SPEED as MIN_SPEED, type EncodeSample, type OutputPreset, type SetupResult } from '@lait/shared';

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
  return { samples, recommended: recommendOutput(samples) ?? { preset: '360p', fps: 30, videoBitrateKbps: BITRATE_KBPS['360p'] } };
}
