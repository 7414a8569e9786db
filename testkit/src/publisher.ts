import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FFMPEG } from './paths.js';

export interface Publisher {
  readonly proc: ChildProcess;
  /** Resolves with ffmpeg's exit code when it ends. */
  readonly exited: Promise<number>;
  stderr(): string;
  stop(): Promise<number>;
}

export interface PublishOptions {
  width?: number;
  height?: number;
  fps?: number;
  /** Keyframe interval in seconds (1 s, as the README asks OBS users to set). */
  keyframeSec?: number;
  durationSec?: number;
}

/** Publishes a test pattern with a tone to `rtmpUrl/key` with real ffmpeg, as OBS would. */
export function publish(rtmpUrl: string, key: string, opts: PublishOptions = {}): Publisher {
  if (!existsSync(FFMPEG)) throw new Error(`ffmpeg not found at ${FFMPEG}: npm test installs it (apt-get install ffmpeg)`);
  const { width = 426, height = 240, fps = 15, keyframeSec = 1, durationSec = 120 } = opts;
  const gop = String(Math.round(fps * keyframeSec));
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-re',
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100',
    '-t', String(durationSec),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
    '-c:a', 'aac', '-b:a', '64k',
    '-f', 'flv', `${rtmpUrl}/${key}`,
  ];
  return runFfmpeg(args);
}

/** Resolves with the exit code if ffmpeg ends within `ms`, or null if it is still publishing. */
export async function exitWithin(p: Publisher, ms: number): Promise<number | null> {
  return Promise.race([p.exited, new Promise<null>((r) => setTimeout(() => r(null), ms))]);
}

export interface ObsLikeOptions {
  width?: number;
  height?: number;
  fps?: number;
  /** OBS's default video bitrate is 2500 Kbps (CBR). */
  videoKbps?: number;
  durationSec?: number;
}

/**
 * What OBS sends with its default settings: x264 CBR (filler data, so a plain test pattern still
 * costs its full bitrate on the wire), 1 s keyframes as the README asks, AAC 160k at 48 kHz stereo.
 * The preset is ultrafast rather than OBS's veryfast: the ladder's transcoder and Chromium share
 * the same two cores, and the test is about the wire, not the encoder.
 */
export function publishLikeObs(rtmpUrl: string, key: string, opts: ObsLikeOptions = {}): Publisher {
  const { width = 1280, height = 720, fps = 30, videoKbps = 2500, durationSec = 240 } = opts;
  const rate = `${videoKbps}k`;
  const args = [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-re',
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=${fps}`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(durationSec),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p',
    '-b:v', rate, '-minrate', rate, '-maxrate', rate, '-bufsize', rate, '-x264-params', 'nal-hrd=cbr',
    '-g', String(fps), '-keyint_min', String(fps), '-sc_threshold', '0',
    '-c:a', 'aac', '-ac', '2', '-ar', '48000', '-b:a', '160k',
    '-f', 'flv', `${rtmpUrl}/${key}`,
  ];
  return runFfmpeg(args);
}

/** Runs one publishing ffmpeg and keeps the end of its stderr for error messages. */
function runFfmpeg(args: string[]): Publisher {
  const proc = spawn(FFMPEG, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-4000);
  });
  const exited = new Promise<number>((resolve) => proc.once('exit', (code, signal) => resolve(code ?? (signal ? 255 : 0))));
  return {
    proc,
    exited,
    stderr: () => err,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGINT');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

