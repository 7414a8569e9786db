import { spawn, type ChildProcess } from 'node:child_process';
import { HEIGHT, WIDTH, drawFrame } from './timestamp-frames.js';

export interface ClockPublisher {
  stop(): Promise<void>;
  framesWritten(): number;
}

/**
 * Writes timestamped gray frames in real time into ffmpeg (x264 veryfast, zerolatency, 1 s GOP),
 * which publishes them over RTMP: the timestamp is the moment the frame was "captured".
 */
export function startClockPublisher(url: string, fps = 30, ffmpeg = '/usr/bin/ffmpeg'): ClockPublisher {
  const gop = String(fps);
  const proc: ChildProcess = spawn(ffmpeg, [
    '-hide_banner', '-loglevel', 'error',
    '-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${WIDTH}x${HEIGHT}`, '-framerate', String(fps), '-i', 'pipe:0',
    '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-b:v', '2500k',
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0',
    '-f', 'flv', url,
  ], { stdio: ['pipe', 'ignore', 'inherit'] });
  proc.stdin?.on('error', () => {});
  const frame = Buffer.alloc(WIDTH * HEIGHT);
  const t0 = performance.now();
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    // Catch up on the wall clock: the frame index follows real time, not timer accuracy.
    const due = Math.floor(((performance.now() - t0) / 1000) * fps);
    while (n <= due) {
      drawFrame(frame, Date.now(), n);
      proc.stdin?.write(frame);
      n++;
    }
    timer = setTimeout(tick, Math.max(1, t0 + (n * 1000) / fps - performance.now()));
  };
  tick();
  return {
    framesWritten: () => n,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      proc.stdin?.end();
      const exited = new Promise((r) => proc.once('exit', r));
      setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      await exited;
    },
  };
}
