import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildLadderArgs, createProgressReader, type LadderCommand } from './ffmpeg-args.js';
import type { RungPlan } from './rungs.js';
import { createStderrTail } from '../stderr-tail.js';

/** Reported when a stream's ffmpeg exits without being asked to. */
export interface TranscoderExitEvent {
  type: 'ladder:transcoder-exited';
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string;
  /** Milliseconds until the next start. */
  retryInMs: number;
}

export interface TranscoderOptions extends Omit<LadderCommand, 'outputDir'> {
  ffmpegPath: string;
  /** `<hlsDir>/.ladder/<playbackId>`: one `run-<n>/<rung>/` folder per ffmpeg run. */
  workDir: string;
  onExit?: (event: TranscoderExitEvent) => void;
}

/** One ffmpeg run: where its rungs' segments land. */
export interface TranscoderRun {
  id: number;
  dir: (rung: RungPlan) => string;
}

export interface Transcoder {
  /** The current run and the earlier ones whose segments may still be aligned. */
  runs(): TranscoderRun[];
  /** Drops a finished run's folder (the aligner has taken what it could). */
  forget(run: TranscoderRun): Promise<void>;
  pid(): number | null;
  speed(): number | null;
  restarts(): number;
  stop(): Promise<void>;
  /** Synchronous last resort when the Node process exits. */
  killNow(): void;
}

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 8000;
/** A run that lasted this long resets the back-off: it was a glitch, not a crash loop. */
const HEALTHY_RUN_MS = 30_000;

/**
 * Supervises one stream's ffmpeg: restarts it with a back-off (0.5 s doubling to 8 s) when it
 * dies, and stops it for good on stop(). The source is nginx's own and never interrupted.
 */
export function startTranscoder(options: TranscoderOptions): Transcoder {
  let child: ChildProcess | null = null;
  let stopped = false;
  let backoffMs = FIRST_BACKOFF_MS;
  let restarts = 0;
  let speed: number | null = null;
  let timer: NodeJS.Timeout | null = null;
  let runCounter = 0;
  const runs: TranscoderRun[] = [];

  let launching: Promise<void> = Promise.resolve();
  const launch = (): void => {
    launching = start();
  };
  const start = async (): Promise<void> => {
    timer = null;
    if (stopped) return;
    runCounter += 1;
    const id = runCounter;
    const run: TranscoderRun = { id, dir: (rung) => join(options.workDir, `run-${id}`, rung.name) };
    // An empty list.csv from the start: nginx's hls_cleanup removes empty folders under hlsDir.
    await Promise.all(options.rungs.map(async (rung) => {
      await mkdir(run.dir(rung), { recursive: true });
      await writeFile(join(run.dir(rung), 'list.csv'), '');
    }));
    if (stopped) return;
    runs.push(run);
    const args = buildLadderArgs({ ...options, outputDir: (rung) => run.dir(rung) });
    const started = Date.now();
    const proc = spawn(options.ffmpegPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    const tail = createStderrTail();
    proc.stdout?.setEncoding('utf8');
    proc.stdout?.on('data', createProgressReader((value) => (speed = value)));
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => tail.push(chunk));
    proc.once('error', () => undefined);
    proc.once('exit', (code, signal) => {
      if (child === proc) child = null;
      speed = null;
      if (stopped) return;
      if (Date.now() - started > HEALTHY_RUN_MS) backoffMs = FIRST_BACKOFF_MS;
      const retryInMs = backoffMs;
      backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
      restarts += 1;
      options.onExit?.({ type: 'ladder:transcoder-exited', code, signal, stderrTail: tail.text(), retryInMs });
      timer = setTimeout(launch, retryInMs);
    });
  };
  launch();

  const kill = (signal: NodeJS.Signals): void => {
    try {
      child?.kill(signal);
    } catch {
      // Already gone.
    }
  };

  return {
    runs: () => [...runs],
    async forget(run) {
      const index = runs.indexOf(run);
      if (index >= 0) runs.splice(index, 1);
      await rm(join(options.workDir, `run-${run.id}`), { recursive: true, force: true });
    },
    pid: () => child?.pid ?? null,
    speed: () => speed,
    restarts: () => restarts,
    killNow: () => kill('SIGKILL'),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      // A start in flight (creating its folders) must finish before they are removed.
      await launching.catch(() => undefined);
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((resolve) => proc.once('exit', resolve));
        // SIGTERM lets ffmpeg close its current segment; its input is gone anyway on publish done.
        kill('SIGTERM');
        const timeout = setTimeout(() => kill('SIGKILL'), 2000);
        await exited;
        clearTimeout(timeout);
      }
      await rm(options.workDir, { recursive: true, force: true });
    },
  };
}
