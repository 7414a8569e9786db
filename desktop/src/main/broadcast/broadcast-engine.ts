import { spawn as nodeSpawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type {
  Ack,
  BroadcastError,
  BroadcastHealth,
  BroadcastState,
  BroadcastStatus,
  BroadcastWriteResult,
  ErrorCode,
} from '@lait/shared';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { BroadcastEngine, BroadcastEngineEvents, BroadcastEngineOptions, BroadcastStartOptions } from './engine-types.js';
import { classifyExit } from './exit-classifier.js';
import { buildFfmpegArgs, publishUrl, recordPathFor, type X264Preset } from './ffmpeg-args.js';
import { isExecutable } from './ffmpeg-path.js';
import { createProgressParser } from './progress-parser.js';
import { createStderrTail } from './stderr-tail.js';

export type { BroadcastEngine, BroadcastEngineEvents, BroadcastEngineOptions, BroadcastStartOptions } from './engine-types.js';

interface Run {
  child: ChildProcessWithoutNullStreams;
  wasLive: boolean;
  done: boolean;
  recordPath: string | undefined;
  cpuPercent: number | undefined;
  cpuSampledAt: number;
}

const fail = <T>(code: ErrorCode, message: string): Ack<T> => ({ ok: false, error: { code, message } });

const DEFAULTS = {
  x264Preset: 'veryfast' as X264Preset, backoff: DEFAULT_BACKOFF, stopTimeoutMs: 3000, maxKeyRefusals: 3,
  maxFfmpegFailures: 3, maxQueuedBytes: 8 * 1024 * 1024, spawn: nodeSpawn, now: () => Date.now(), random: () => Math.random(),
};
type EngineConfig = typeof DEFAULTS & BroadcastEngineOptions;

/**
 * One broadcast at a time through ffmpeg: each run (an epoch) is one ffmpeg process; a run that
 * ends while the streamer still wants to be live is classified and retried with back-off.
 */
class FfmpegBroadcastEngine implements BroadcastEngine {
  private readonly events = new EventEmitter();
  private readonly tail = createStderrTail();
  private state: BroadcastState = 'idle';
  private since: number;
  private epoch = 0;
  private attempt = 0;
  private nextRetryAt: number | undefined;
  private health: BroadcastHealth | undefined;
  private lastError: BroadcastError | undefined;
  private job: BroadcastStartOptions | null = null;
  private wantLive = false;
  private everLive = false;
  private refusals = 0;
  private failures = 0;
  private run: Run | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  private liveSince: number | undefined;
  /** Bumped by stop() and each renewal: a renewal answered after either is dropped. */
  private renewGen = 0;
  private stopping: Promise<BroadcastStatus> | null = null;

  constructor(private readonly o: EngineConfig) {
    this.since = o.now();
  }

  status(): BroadcastStatus {
    return {
      state: this.state, since: this.since, epoch: this.epoch, attempt: this.attempt,
      ...(this.nextRetryAt !== undefined && { nextRetryAt: this.nextRetryAt }),
      ...(this.health && { health: this.health }),
      ...(this.liveSince !== undefined && { liveSince: this.liveSince }),
      ...(this.run?.recordPath && { recordingPath: this.run.recordPath }),
      ...(this.lastError && { lastError: this.lastError }),
    };
  }

  start(opts: BroadcastStartOptions): Ack<BroadcastStatus> {
    if (this.state !== 'idle') return fail('BROADCAST_ALREADY_LIVE', `Broadcast is ${this.state}`);
    const { ffmpegPath } = this.o;
    if (!ffmpegPath || !isExecutable(ffmpegPath)) {
      const message = ffmpegPath ? `ffmpeg not found or not executable: ${ffmpegPath}` : 'ffmpeg not found';
      this.report({ code: 'BROADCAST_FFMPEG_MISSING', message, willRetry: false });
      return fail('BROADCAST_FFMPEG_MISSING', message);
    }
    Object.assign(this, { job: opts, wantLive: true, everLive: false, attempt: 0, refusals: 0, failures: 0, lastError: undefined, liveSince: undefined });
    this.tail.setSecrets([opts.streamKey, encodeURIComponent(opts.streamKey)]);
    this.spawnRun();
    return { ok: true, data: this.status() };
  }

  write(chunk: Uint8Array, epoch?: number): BroadcastWriteResult {
    const run = this.run;
    const live = this.state === 'connecting' || this.state === 'live';
    if (!run || !live || (epoch !== undefined && epoch !== this.epoch) || this.job?.input?.kind === 'testsrc') {
      return { accepted: false, queuedBytes: 0 };
    }
    run.child.stdin.write(chunk);
    const queuedBytes = run.child.stdin.writableLength;
    // ffmpeg is not keeping up (or the network stalled): restart rather than grow without bound.
    if (queuedBytes > this.o.maxQueuedBytes) run.child.kill('SIGKILL');
    return { accepted: true, queuedBytes };
  }

  stop(): Promise<BroadcastStatus> {
    if (this.stopping) return this.stopping;
    this.wantLive = false;
    this.renewGen += 1;
    this.clearRetry();
    const run = this.run;
    if (!run) {
      if (this.state !== 'idle') this.setState('idle');
      return Promise.resolve(this.status());
    }
    this.setState('stopping');
    this.stopping = new Promise<BroadcastStatus>((resolve) => this.endRun(run, resolve));
    return this.stopping;
  }

  retryNow(): Ack<BroadcastStatus> {
    if (this.state !== 'reconnecting') return fail('BROADCAST_NOT_LIVE', `Nothing to retry while ${this.state}`);
    this.clearRetry();
    this.respawn();
    return { ok: true, data: this.status() };
  }

  on<E extends keyof BroadcastEngineEvents>(event: E, listener: (...a: BroadcastEngineEvents[E]) => void): () => void {
    this.events.on(event, listener as (...a: unknown[]) => void);
    return () => this.events.off(event, listener as (...a: unknown[]) => void);
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.events.removeAllListeners();
  }

  private setState(state: BroadcastState): void {
    if (state !== 'reconnecting') this.nextRetryAt = undefined;
    if (state === 'idle') this.liveSince = undefined;
    this.state = state;
    this.since = this.o.now();
    this.events.emit('state', this.status());
  }

  private report(err: BroadcastError): void {
    this.lastError = err;
    // EventEmitter throws an 'error' nobody listens to; here it is only a report.
    if (this.events.listenerCount('error') > 0) this.events.emit('error', err);
  }

  private spawnRun(): void {
    const { job, o } = this;
    if (!job || !o.ffmpegPath) return;
    this.epoch += 1;
    this.health = undefined;
    this.tail.reset();
    const recordPath = recordPathFor(this.epoch, job.recordPath);
    const args = buildFfmpegArgs({
      url: publishUrl(job.rtmpUrl, job.streamKey), video: job.video, audio: job.audio,
      input: job.input ?? { kind: 'stream', container: 'matroska' }, x264Preset: o.x264Preset, recordPath,
    });
    const child = o.spawn(o.ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const run: Run = { child, wasLive: false, done: false, recordPath, cpuPercent: undefined, cpuSampledAt: 0 };
    this.run = run;
    this.setState('connecting');
    child.stdin.on('error', () => undefined); // EPIPE while ffmpeg exits; the exit handler reports.
    const parser = createProgressParser((h) => this.onProgress(run, h), o.now);
    child.stdout.setEncoding('utf8').on('data', (d: string) => parser.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => this.tail.push(d));
    child.once('error', (err) => this.onExit(run, null, err));
    child.once('close', (code) => this.onExit(run, code));
  }

  private sampleCpu(run: Run): void {
    const { o } = this;
    const pid = run.child.pid;
    if (!o.sampleCpu || pid === undefined || o.now() - run.cpuSampledAt < 900) return;
    run.cpuSampledAt = o.now();
    o.sampleCpu(pid).then((p) => void (run.cpuPercent = p), () => undefined);
  }

  private onProgress(run: Run, block: BroadcastHealth): void {
    if (this.run !== run) return;
    this.sampleCpu(run);
    const h: BroadcastHealth = {
      ...block, queuedBytes: run.child.stdin.writableLength,
      ...(run.cpuPercent !== undefined && { cpuPercent: run.cpuPercent }),
    };
    this.health = h;
    this.events.emit('health', h);
    if (this.state !== 'connecting') return;
    run.wasLive = true;
    this.everLive = true;
    this.liveSince ??= this.o.now();
    this.attempt = 0;
    this.refusals = 0;
    this.failures = 0;
    this.setState('live');
  }

  private onExit(run: Run, code: number | null, spawnError?: Error): void {
    if (run.done) return;
    run.done = true;
    if (this.run === run) this.run = null;
    if (!this.wantLive) {
      // stop() owns the transition to idle while it is waiting for this exit.
      if (!this.stopping && this.state !== 'idle') this.setState('idle');
      return;
    }
    if (spawnError) {
      this.report({ code: 'BROADCAST_FFMPEG_MISSING', message: `Could not run ffmpeg: ${spawnError.message}`, willRetry: false });
      return this.giveUp();
    }
    const stderrTail = this.tail.text();
    const verdict = classifyExit(code, stderrTail, run.wasLive);
    const willRetry = this.worthRetrying(verdict.code);
    this.report({ ...verdict, exitCode: code, stderrTail, willRetry });
    if (willRetry) this.scheduleRetry();
    else this.giveUp();
  }

  /** Counts the failure, then: a lost connection always retries; a refused key and ffmpeg errors only a few times. */
  private worthRetrying(code: ErrorCode): boolean {
    if (code === 'BROADCAST_KEY_REFUSED') this.refusals += 1;
    if (code === 'BROADCAST_FFMPEG_FAILED') this.failures += 1;
    return code === 'BROADCAST_CONNECT_FAILED' ||
      (code === 'BROADCAST_KEY_REFUSED' && this.everLive && this.refusals < this.o.maxKeyRefusals) ||
      (code === 'BROADCAST_FFMPEG_FAILED' && this.failures < this.o.maxFfmpegFailures);
  }

  private giveUp(): void {
    this.wantLive = false;
    this.setState('idle');
  }

  private scheduleRetry(): void {
    this.attempt += 1;
    const delay = backoffDelay(this.attempt, this.o.backoff, this.o.random);
    this.nextRetryAt = this.o.now() + delay;
    this.setState('reconnecting');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.wantLive && this.state === 'reconnecting') this.respawn();
    }, delay);
  }

  private clearRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Reconnect: renew the credentials first when the job can, then spawn (unless stopped meanwhile). */
  private respawn(): void {
    const renew = this.job?.renew;
    if (!renew) return this.spawnRun();
    const gen = ++this.renewGen;
    renew()
      .then((creds) => {
        if (!creds || !this.job || gen !== this.renewGen) return;
        this.job = { ...this.job, ...creds };
        this.tail.setSecrets([creds.streamKey, encodeURIComponent(creds.streamKey)]);
      }, () => undefined)
      .finally(() => {
        if (gen === this.renewGen && this.wantLive && this.state === 'reconnecting') this.spawnRun();
      });
  }

  /** Graceful first (end stdin, or 'q' for a lavfi run), then SIGTERM, then SIGKILL; never stuck in 'stopping'. */
  private endRun(run: Run, resolve: (status: BroadcastStatus) => void): void {
    const { o } = this;
    const timers: NodeJS.Timeout[] = [];
    const finish = () => {
      timers.forEach(clearTimeout);
      run.done = true;
      if (this.run === run) this.run = null;
      this.stopping = null;
      this.setState('idle');
      resolve(this.status());
    };
    run.child.once('close', finish);
    if (this.job?.input?.kind === 'testsrc') run.child.stdin.write('q');
    run.child.stdin.end();
    timers.push(setTimeout(() => run.child.kill('SIGTERM'), o.stopTimeoutMs));
    timers.push(setTimeout(() => run.child.kill('SIGKILL'), o.stopTimeoutMs + 2000));
    timers.push(setTimeout(finish, o.stopTimeoutMs + 4000));
  }
}

/** Create a broadcast engine. Plain Node: no Electron import, so it runs and is tested alone. */
export function createBroadcastEngine(options: BroadcastEngineOptions): BroadcastEngine {
  return new FfmpegBroadcastEngine({ ...DEFAULTS, ...options });
}
