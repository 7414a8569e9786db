import { accessSync, constants } from 'node:fs';
import ffmpeg from 'fluent-ffmpeg';
import { OUTPUT_PRESETS, recommendOutput, SETUP_BITRATE_KBPS as BITRATE_KBPS, SETUP_MIN_SPEED as MIN_SPEED, type EncodeSample, type OutputPreset, type SetupResult } from '@lait/shared';

/**
 * Encode `seconds` of a test pattern with libx264 veryfast and time it. A one-shot command with a
 * beginning and an end, which is what fluent-ffmpeg (unmaintained since 2025) still does well; the
 * long-lived broadcast process with its stdin and restarts stays on `child_process`.
 */
export function measureEncode(ffmpegPath: string, preset: OutputPreset, fps: number, seconds = 2): Promise<EncodeSample> {
  const { width, height } = OUTPUT_PRESETS[preset];
  try {
    // fluent-ffmpeg 2.1 throws from inside child_process on a missing binary instead of emitting 'error'.
    accessSync(ffmpegPath, constants.X_OK);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  return new Promise((resolve) => {
    const zero: EncodeSample = { preset, fps, speed: 0, cpuPerSec: 0 };
    // Bounded: a machine this slow gets speed 0 rather than a hung setup screen.
    ffmpeg({ timeout: seconds * 10, stdoutLines: 0 })
      .setFfmpegPath(ffmpegPath)
      .input(`testsrc2=size=${width}x${height}:rate=${fps}`)
      .inputOptions(['-hide_banner', '-nostdin', '-nostats', '-benchmark', '-f', 'lavfi'])
      .outputOptions([
        '-t', String(seconds), '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
        '-b:v', `${BITRATE_KBPS[preset]}k`, '-g', String(fps),
        // As an option, not .format(): fluent-ffmpeg would first run `ffmpeg -formats` to check it.
        '-f', 'null',
      ])
      .output('-')
      .on('error', () => resolve(zero))
      .on('end', (_stdout: string | null, stderr: string | null) => {
        // -benchmark prints "bench: utime=0.458s stime=0.046s rtime=0.791s" at exit: ffmpeg's own
        // times, without the process start-up around them.
        const m = /utime=([\d.]+)s stime=([\d.]+)s rtime=([\d.]+)s/.exec(stderr ?? '');
        if (!m) return resolve(zero);
        const round = (n: number) => Math.round(n * 100) / 100;
        resolve({ preset, fps, speed: round(seconds / Math.max(Number(m[3]), 0.001)), cpuPerSec: round((Number(m[1]) + Number(m[2])) / seconds) });
      })
      .run();
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
