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
import type { BroadcastEngine, BroadcastEngineOptions, BroadcastStartOptions } from './engine-types.js';
import { classifyExit } from './exit-classifier.js';
import { buildFfmpegArgs, publishUrl, type X264Preset } from './ffmpeg-args.js';
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

/** Create a broadcast engine. Plain Node: no Electron import, so it runs and is tested alone. */
export function createBroadcastEngine(options: BroadcastEngineOptions): BroadcastEngine {
  const o = {
    x264Preset: 'veryfast' as X264Preset, backoff: DEFAULT_BACKOFF, stopTimeoutMs: 3000, maxKeyRefusals: 3,
    maxFfmpegFailures: 3, maxQueuedBytes: 8 * 1024 * 1024, spawn: nodeSpawn, now: Date.now, random: Math.random,
    ...options,
  };
  const events = new EventEmitter();
  const tail = createStderrTail();
  const s = {
    state: 'idle' as BroadcastState, since: o.now(), epoch: 0, attempt: 0,
    nextRetryAt: undefined as number | undefined, health: undefined as BroadcastHealth | undefined,
    lastError: undefined as BroadcastError | undefined,
    job: null as BroadcastStartOptions | null, wantLive: false, everLive: false, refusals: 0, failures: 0,
    run: null as Run | null, retryTimer: undefined as NodeJS.Timeout | undefined,
    liveSince: undefined as number | undefined, renewGen: 0,
    stopping: null as Promise<BroadcastStatus> | null,
  };

  const status = (): BroadcastStatus => ({
    state: s.state, since: s.since, epoch: s.epoch, attempt: s.attempt,
    ...(s.nextRetryAt !== undefined && { nextRetryAt: s.nextRetryAt }),
    ...(s.health && { health: s.health }),
    ...(s.liveSince !== undefined && { liveSince: s.liveSince }),
    ...(s.run?.recordPath && { recordingPath: s.run.recordPath }),
    ...(s.lastError && { lastError: s.lastError }),
  });
  const setState = (state: BroadcastState) => {
    if (state !== 'reconnecting') s.nextRetryAt = undefined;
    if (state === 'idle') s.liveSince = undefined;
    s.state = state;
    s.since = o.now();
    events.emit('state', status());
  };
  const report = (err: BroadcastError) => {
    s.lastError = err;
    // EventEmitter throws an 'error' nobody listens to; here it is only a report.
    if (events.listenerCount('error') > 0) events.emit('error', err);
  };
  const recordPathFor = (epoch: number, path?: string) =>
    !path || epoch <= 1 ? path : path.replace(/(\.[^./\\]*)?$/, (ext) => `-part${epoch}${ext}`);

  function spawnRun(): void {
    const job = s.job;
    if (!job || !o.ffmpegPath) return;
    s.epoch += 1;
    s.health = undefined;
    tail.reset();
    const recordPath = recordPathFor(s.epoch, job.recordPath);
    const args = buildFfmpegArgs({
      url: publishUrl(job.rtmpUrl, job.streamKey), video: job.video, audio: job.audio,
      input: job.input ?? { kind: 'stream', container: 'matroska' }, x264Preset: o.x264Preset, recordPath,
    });
    const child = o.spawn(o.ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const run: Run = { child, wasLive: false, done: false, recordPath, cpuPercent: undefined, cpuSampledAt: 0 };
    s.run = run;
    setState('connecting');
    child.stdin.on('error', () => undefined); // EPIPE while ffmpeg exits; the exit handler reports.
    const parser = createProgressParser((h) => onProgress(run, h), o.now);
    child.stdout.setEncoding('utf8').on('data', (d: string) => parser.push(d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => tail.push(d));
    child.once('error', (err) => onExit(run, null, err));
    child.once('close', (code) => onExit(run, code));
  }

  function sampleCpu(run: Run): void {
    const pid = run.child.pid;
    if (!o.sampleCpu || pid === undefined || o.now() - run.cpuSampledAt < 900) return;
    run.cpuSampledAt = o.now();
    o.sampleCpu(pid).then((p) => void (run.cpuPercent = p), () => undefined);
  }

  function onProgress(run: Run, block: BroadcastHealth): void {
    if (s.run !== run) return;
    sampleCpu(run);
    const h: BroadcastHealth = {
      ...block, queuedBytes: run.child.stdin.writableLength,
      ...(run.cpuPercent !== undefined && { cpuPercent: run.cpuPercent }),
    };
    s.health = h;
    events.emit('health', h);
    if (s.state === 'connecting') {
      run.wasLive = true;
      s.everLive = true;
      s.liveSince ??= o.now();
      s.attempt = 0;
      s.refusals = 0;
      s.failures = 0;
      setState('live');
    }
  }

  function onExit(run: Run, code: number | null, spawnError?: Error): void {
    if (run.done) return;
    run.done = true;
    if (s.run === run) s.run = null;
    if (!s.wantLive) {
      // stop() owns the transition to idle while it is waiting for this exit.
      if (!s.stopping && s.state !== 'idle') setState('idle');
      return;
    }
    if (spawnError) {
      s.wantLive = false;
      report({ code: 'BROADCAST_FFMPEG_MISSING', message: `Could not run ffmpeg: ${spawnError.message}`, willRetry: false });
      setState('idle');
      return;
    }
    const stderrTail = tail.text();
    const verdict = classifyExit(code, stderrTail, run.wasLive);
    if (verdict.code === 'BROADCAST_KEY_REFUSED') s.refusals += 1;
    if (verdict.code === 'BROADCAST_FFMPEG_FAILED') s.failures += 1;
    const willRetry =
      verdict.code === 'BROADCAST_CONNECT_FAILED' ||
      (verdict.code === 'BROADCAST_KEY_REFUSED' && s.everLive && s.refusals < o.maxKeyRefusals) ||
      (verdict.code === 'BROADCAST_FFMPEG_FAILED' && s.failures < o.maxFfmpegFailures);
    report({ ...verdict, exitCode: code, stderrTail, willRetry });
    if (!willRetry) {
      s.wantLive = false;
      setState('idle');
      return;
    }
    s.attempt += 1;
    const delay = backoffDelay(s.attempt, o.backoff, o.random);
    s.nextRetryAt = o.now() + delay;
    setState('reconnecting');
    s.retryTimer = setTimeout(() => {
      s.retryTimer = undefined;
      if (s.wantLive && s.state === 'reconnecting') respawn();
    }, delay);
  }

  /** Reconnect: renew the credentials first when the job can, then spawn (unless stopped meanwhile). */
  function respawn(): void {
    const renew = s.job?.renew;
    if (!renew) return spawnRun();
    const gen = ++s.renewGen;
    renew()
      .then((creds) => {
        if (!creds || !s.job || gen !== s.renewGen) return;
        s.job = { ...s.job, ...creds };
        tail.setSecrets([creds.streamKey, encodeURIComponent(creds.streamKey)]);
      }, () => undefined)
      .finally(() => {
        if (gen === s.renewGen && s.wantLive && s.state === 'reconnecting') spawnRun();
      });
  }

  function start(opts: BroadcastStartOptions): Ack<BroadcastStatus> {
    if (s.state !== 'idle') return fail('BROADCAST_ALREADY_LIVE', `Broadcast is ${s.state}`);
    if (!o.ffmpegPath || !isExecutable(o.ffmpegPath)) {
      const message = o.ffmpegPath ? `ffmpeg not found or not executable: ${o.ffmpegPath}` : 'ffmpeg not found';
      report({ code: 'BROADCAST_FFMPEG_MISSING', message, willRetry: false });
      return fail('BROADCAST_FFMPEG_MISSING', message);
    }
    Object.assign(s, {
      job: opts, wantLive: true, everLive: false, attempt: 0, refusals: 0, failures: 0, lastError: undefined, liveSince: undefined,
    });
    tail.setSecrets([opts.streamKey, encodeURIComponent(opts.streamKey)]);
    spawnRun();
    return { ok: true, data: status() };
  }

  function write(chunk: Uint8Array, epoch?: number): BroadcastWriteResult {
    const run = s.run;
    const live = s.state === 'connecting' || s.state === 'live';
    if (!run || !live || (epoch !== undefined && epoch !== s.epoch) || s.job?.input?.kind === 'testsrc') {
      return { accepted: false, queuedBytes: 0 };
    }
    run.child.stdin.write(chunk);
    const queuedBytes = run.child.stdin.writableLength;
    // ffmpeg is not keeping up (or the network stalled): restart rather than grow without bound.
    if (queuedBytes > o.maxQueuedBytes) run.child.kill('SIGKILL');
    return { accepted: true, queuedBytes };
  }

  function stop(): Promise<BroadcastStatus> {
    if (s.stopping) return s.stopping;
    s.wantLive = false;
    s.renewGen += 1;
    clearTimeout(s.retryTimer);
    s.retryTimer = undefined;
    const run = s.run;
    if (!run) {
      if (s.state !== 'idle') setState('idle');
      return Promise.resolve(status());
    }
    setState('stopping');
    s.stopping = new Promise<BroadcastStatus>((resolve) => {
      const timers: NodeJS.Timeout[] = [];
      const finish = () => {
        timers.forEach(clearTimeout);
        run.done = true;
        if (s.run === run) s.run = null;
        s.stopping = null;
        setState('idle');
        resolve(status());
      };
      run.child.once('close', finish);
      // Ending stdin lets ffmpeg flush a stream input; 'q' asks a lavfi run to quit.
      if (s.job?.input?.kind === 'testsrc') run.child.stdin.write('q');
      run.child.stdin.end();
      timers.push(setTimeout(() => run.child.kill('SIGTERM'), o.stopTimeoutMs));
      timers.push(setTimeout(() => run.child.kill('SIGKILL'), o.stopTimeoutMs + 2000));
      // Never stuck in 'stopping', even if 'close' never comes.
      timers.push(setTimeout(finish, o.stopTimeoutMs + 4000));
    });
    return s.stopping;
  }

  function retryNow(): Ack<BroadcastStatus> {
    if (s.state !== 'reconnecting') return fail('BROADCAST_NOT_LIVE', `Nothing to retry while ${s.state}`);
    clearTimeout(s.retryTimer);
    s.retryTimer = undefined;
    respawn();
    return { ok: true, data: status() };
  }

  return {
    start, write, stop, retryNow, status,
    on(event, listener) {
      events.on(event, listener as (...a: unknown[]) => void);
      return () => events.off(event, listener as (...a: unknown[]) => void);
    },
    async dispose() {
      await stop();
      events.removeAllListeners();
    },
  };
}
