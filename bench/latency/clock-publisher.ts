import { spawn, type ChildProcess } from 'node:child_process';
import type { Writable } from 'node:stream';
import { AUDIO_CHANNELS, AUDIO_RATE, encodeArgs, type EncodeOptions } from './profiles.js';
import { HEIGHT, WIDTH, drawFrame } from './timestamp-frames.js';

export interface ClockPublisher {
  stop(): Promise<void>;
  framesWritten(): number;
  /**
   * Frames written that ffmpeg has not yet passed to x264 (its -progress `frame=`, every 0.25 s):
   * a backlog in front of the encoder, i.e. a machine too loaded to encode in real time. x264's
   * own delay (lookahead, B-frames, threads) comes on top.
   */
  encoderQueueFrames(): number;
  /** ffmpeg's last stderr lines (errors only). */
  stderrTail(): string;
}

const BYTES_PER_SAMPLE = 2 * AUDIO_CHANNELS;

/** 440 Hz at -20 dBFS with a 1 kHz blip on every second: a signal AAC has to spend bits on. */
function fillAudio(buf: Buffer, firstSample: number): void {
  for (let i = 0; i < buf.length / BYTES_PER_SAMPLE; i++) {
    const n = firstSample + i;
    const t = n / AUDIO_RATE;
    const blip = n % AUDIO_RATE < AUDIO_RATE / 20 ? 0.1 * Math.sin(2 * Math.PI * 1000 * t) : 0;
    const v = Math.round((0.1 * Math.sin(2 * Math.PI * 440 * t) + blip) * 32767);
    buf.writeInt16LE(v, i * BYTES_PER_SAMPLE);
    buf.writeInt16LE(v, i * BYTES_PER_SAMPLE + 2);
  }
}

/**
 * Writes timestamped gray frames and PCM audio in real time into ffmpeg, which encodes them
 * (see profiles.ts) and publishes over RTMP. Both media are written against the same clock (t0)
 * and timestamped by ffmpeg from their frame and sample counts, as a capture program does.
 * An audio source inside ffmpeg (lavfi with -re) would start its clock when ffmpeg starts
 * reading, not at t0: its audio would trail the video by ffmpeg's start-up time, a lag no real
 * encoder has, and the player would wait for it.
 * The timestamp in a picture is the moment the frame was handed to the encoder.
 */
export function startClockPublisher(url: string, enc: EncodeOptions, ffmpeg = '/usr/bin/ffmpeg'): ClockPublisher {
  const lavfi = enc.audio !== false && enc.audioSource === 'lavfi';
  const withAudio = enc.audio !== false && !lavfi;
  // The two pipes fill at the same rate; with two inputs ffmpeg reads each in its own thread.
  const videoInput = ['-thread_queue_size', '64', '-f', 'rawvideo', '-pix_fmt', 'gray', '-s', `${WIDTH}x${HEIGHT}`, '-framerate', String(enc.fps), '-i', 'pipe:0'];
  const audioInput = withAudio
    ? ['-thread_queue_size', '64', '-f', 's16le', '-ar', String(AUDIO_RATE), '-ac', String(AUDIO_CHANNELS), '-i', 'pipe:3']
    : lavfi ? ['-re', '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${AUDIO_RATE}`] : [];
  const proc: ChildProcess = spawn(ffmpeg, [
    '-hide_banner', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1', '-stats_period', '0.25', ...videoInput, ...audioInput,
    ...encodeArgs(enc),
    '-f', 'flv', url,
  ], { stdio: ['pipe', 'pipe', 'pipe', withAudio ? 'pipe' : 'ignore'] });
  let encoded = 0;
  let progress = '';
  proc.stdout?.on('data', (d: Buffer) => {
    progress += d.toString();
    const lines = progress.split('\n');
    progress = lines.pop() ?? '';
    for (const line of lines) if (line.startsWith('frame=')) encoded = Number(line.slice(6)) || encoded;
  });
  let tail = '';
  proc.stderr?.on('data', (d: Buffer) => { tail = (tail + d.toString()).slice(-2000); });
  const videoIn = proc.stdin;
  const audioIn = withAudio ? (proc.stdio[3] as Writable) : undefined;
  videoIn?.on('error', () => {});
  audioIn?.on('error', () => {});

  const frame = Buffer.alloc(WIDTH * HEIGHT);
  const t0 = performance.now();
  let frames = 0;
  let samples = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    // Catch up on the wall clock: frame and sample counts follow real time, not timer accuracy.
    const elapsed = (performance.now() - t0) / 1000;
    if (audioIn) {
      const due = Math.floor(elapsed * AUDIO_RATE);
      if (due > samples) {
        const chunk = Buffer.alloc((due - samples) * BYTES_PER_SAMPLE);
        fillAudio(chunk, samples);
        audioIn.write(chunk);
        samples = due;
      }
    }
    const dueFrame = Math.floor(elapsed * enc.fps);
    while (frames <= dueFrame) {
      drawFrame(frame, Date.now(), frames);
      videoIn?.write(frame);
      frames++;
    }
    timer = setTimeout(tick, Math.max(1, t0 + (frames * 1000) / enc.fps - performance.now()));
  };
  tick();
  return {
    framesWritten: () => frames,
    encoderQueueFrames: () => frames - encoded,
    stderrTail: () => tail,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      videoIn?.end();
      audioIn?.end();
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      await exited;
    },
  };
}
