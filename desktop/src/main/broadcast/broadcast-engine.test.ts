import type { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { BroadcastError, BroadcastState } from '@lait/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBroadcastEngine, type BroadcastEngineOptions, type BroadcastStartOptions } from './broadcast-engine.js';

/** A stand-in ffmpeg process driven by the test. */
class FakeChild extends EventEmitter {
  stdin = new PassThrough();
  stdout = new PassThrough();
  stderr = new PassThrough();
  killed: string[] = [];
  args: string[] = [];
  constructor(private readonly obeyKill = true) {
    super();
  }
  progress(frame = 1) {
    this.stdout.write(`frame=${frame}\nfps=15\nbitrate=500kbits/s\nspeed=1x\nout_time_us=1000\nprogress=continue\n`);
  }
  exit(code: number | null, stderr = '') {
    if (stderr) this.stderr.write(stderr);
    setImmediate(() => this.emit('close', code, null));
  }
  kill(signal: string) {
    this.killed.push(signal);
    if (this.obeyKill) this.exit(null);
    return true;
  }
}

const START: BroadcastStartOptions = {
  rtmpUrl: 'rtmp://127.0.0.1:1/live',
  streamKey: 'key1',
  video: { width: 320, height: 180, fps: 15, bitrateKbps: 300, keyframeSec: 1, encoder: 'x264' },
  audio: { bitrateKbps: 64 },
  input: { kind: 'testsrc' },
};

function setup(opts: Partial<BroadcastEngineOptions> & { obeyKill?: boolean } = {}) {
  const children: FakeChild[] = [];
  const spawnFn = vi.fn((_cmd: string, args: string[]) => {
    const c = new FakeChild(opts.obeyKill ?? true);
    c.args = args;
    children.push(c);
    return c as unknown as ChildProcessWithoutNullStreams;
  }) as unknown as typeof spawn;
  const engine = createBroadcastEngine({ ffmpegPath: '/usr/bin/ffmpeg', spawn: spawnFn, random: () => 0.5, ...opts });
  const states: BroadcastState[] = [];
  const errors: BroadcastError[] = [];
  engine.on('state', (s) => states.push(s.state));
  engine.on('error', (e) => errors.push(e));
  const flush = () => vi.advanceTimersByTimeAsync(1);
  return { engine, children, states, errors, flush, last: () => children[children.length - 1]! };
}

describe('broadcast engine state machine', () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'Date'] }));
  afterEach(() => void vi.useRealTimers());

  it('goes idle → connecting → live on the first progress block', async () => {
    const t = setup();
    expect(t.engine.start(START).ok).toBe(true);
    t.last().progress();
    await t.flush();
    expect(t.states).toEqual(['connecting', 'live']);
    expect(t.engine.status().health?.fps).toBe(15);
  });

  it('refuses a second start with BROADCAST_ALREADY_LIVE', () => {
    const t = setup();
    t.engine.start(START);
    expect(t.engine.start(START)).toMatchObject({ ok: false, error: { code: 'BROADCAST_ALREADY_LIVE' } });
  });

  it('reconnects with exponential back-off after losing the connection, and resets after going live', async () => {
    const t = setup();
    t.engine.start(START);
    t.last().progress();
    t.last().exit(1, 'Broken pipe\n');
    await t.flush();
    expect(t.engine.status()).toMatchObject({ state: 'reconnecting', attempt: 1 });
    expect(t.errors[0]).toMatchObject({ code: 'BROADCAST_CONNECT_FAILED', exitCode: 1, willRetry: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.children).toHaveLength(2);
    t.last().exit(1, 'Connection refused\n');
    await t.flush();
    expect(t.engine.status().nextRetryAt! - Date.now()).toBeGreaterThan(990); // attempt 2: 1 s
    await vi.advanceTimersByTimeAsync(2000);
    t.last().progress();
    await t.flush();
    expect(t.engine.status()).toMatchObject({ state: 'live', attempt: 0, epoch: 3 });
  });

  it('asks for fresh credentials before a reconnect and keeps the old ones when that fails', async () => {
    const t = setup();
    const renew = vi.fn<() => Promise<{ rtmpUrl: string; streamKey: string } | null>>()
      .mockResolvedValueOnce({ rtmpUrl: 'rtmp://127.0.0.1:1/live', streamKey: 'key2' })
      .mockRejectedValueOnce(new Error('server down'));
    t.engine.start({ ...START, renew });
    t.last().progress();
    await t.flush();
    const liveSince = t.engine.status().liveSince;
    expect(liveSince).toBeTypeOf('number');
    t.last().exit(1, 'Broken pipe\n');
    await vi.advanceTimersByTimeAsync(1000);
    expect(renew).toHaveBeenCalledTimes(1);
    expect(t.children).toHaveLength(2);
    expect(t.last().args.at(-1)).toBe('rtmp://127.0.0.1:1/live/key2');
    t.last().exit(1, 'Connection refused\n');
    await vi.advanceTimersByTimeAsync(2000);
    expect(t.children).toHaveLength(3);
    expect(t.last().args.at(-1)).toBe('rtmp://127.0.0.1:1/live/key2');
    t.last().progress();
    await t.flush();
    // The duration shown to the streamer spans the reconnects.
    expect(t.engine.status()).toMatchObject({ state: 'live', liveSince });
  });

  it('retryNow skips the back-off wait', async () => {
    const t = setup();
    t.engine.start(START);
    t.last().exit(1, 'Connection refused');
    await t.flush();
    expect(t.engine.retryNow().ok).toBe(true);
    expect(t.children).toHaveLength(2);
    expect(t.engine.status().state).toBe('connecting');
  });

  it('gives up at once when the key is refused at the first connect', async () => {
    const t = setup();
    t.engine.start(START);
    t.last().exit(1, 'rtmp://127.0.0.1:1/live/key1: Input/output error\n');
    await t.flush();
    expect(t.engine.status().state).toBe('idle');
    expect(t.errors[0]).toMatchObject({ code: 'BROADCAST_KEY_REFUSED', willRetry: false });
    expect(t.errors[0]?.stderrTail).not.toContain('key1');
  });

  it('stops retrying a refused key after a few reconnect attempts', async () => {
    const t = setup({ maxKeyRefusals: 2 });
    t.engine.start(START);
    t.last().progress();
    t.last().exit(1, 'Broken pipe');
    await vi.advanceTimersByTimeAsync(1000);
    for (let i = 0; i < 2; i++) {
      t.last().exit(1, 'Input/output error');
      await vi.advanceTimersByTimeAsync(10_000);
    }
    expect(t.engine.status().state).toBe('idle');
    expect(t.errors.map((e) => e.willRetry)).toEqual([true, true, false]);
  });

  it('stop() during reconnect ends in idle without spawning again', async () => {
    const t = setup();
    t.engine.start(START);
    t.last().exit(1, 'Connection refused');
    await t.flush();
    await expect(t.engine.stop()).resolves.toMatchObject({ state: 'idle' });
    await vi.advanceTimersByTimeAsync(20_000);
    expect(t.children).toHaveLength(1);
    expect(t.states.at(-1)).toBe('idle');
  });

  it('stop() escalates to SIGTERM and SIGKILL and never stays in stopping', async () => {
    const t = setup({ obeyKill: false, stopTimeoutMs: 1000 });
    t.engine.start(START);
    t.last().progress();
    const stopped = t.engine.stop();
    expect(t.engine.status().state).toBe('stopping');
    await vi.advanceTimersByTimeAsync(5000);
    await expect(stopped).resolves.toMatchObject({ state: 'idle' });
    expect(t.last().killed).toEqual(['SIGTERM', 'SIGKILL']);
    expect(t.states.filter((s) => s === 'idle')).toHaveLength(1);
  });

  it('reports a missing ffmpeg as BROADCAST_FFMPEG_MISSING without spawning', () => {
    const t = setup({ ffmpegPath: '/does/not/exist/ffmpeg' });
    expect(t.engine.start(START)).toMatchObject({ ok: false, error: { code: 'BROADCAST_FFMPEG_MISSING' } });
    expect(t.children).toHaveLength(0);
    expect(t.engine.status().state).toBe('idle');
  });

  it('drops chunks of an old epoch and accepts the current one', async () => {
    const t = setup();
    t.engine.start({ ...START, input: { kind: 'stream', container: 'webm' } });
    const epoch = t.engine.status().epoch;
    expect(t.engine.write(new Uint8Array(4), epoch - 1).accepted).toBe(false);
    expect(t.engine.write(new Uint8Array(4), epoch).accepted).toBe(true);
  });
});
