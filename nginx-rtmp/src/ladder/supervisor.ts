import { createServer, type Server } from 'node:http';
import type { LadderRungName, LadderStatus } from '@lait/shared';
import { fetchStat, type StatStream } from '../stat.js';
import { findHardwareEncoder, measureCapacity } from './capacity.js';
import { planRungs, type RungPlan } from './rungs.js';
import { createStreamLadder, type StreamLadder } from './stream-ladder.js';
import type { TranscoderExitEvent } from './transcoder.js';

/** What `startNginx({ ladder })` takes; every field defaults from the environment (see env.ts). */
export interface LadderOptions {
  /** Rung names, highest first; empty = off (every stream source-only, master still written). */
  rungs?: readonly LadderRungName[];
  /** Streams laddered at once; unset = measured by a trial encode at start. */
  capacity?: number;
  ffmpegPath?: string;
  /** How often nginx's stat page and the playlists are read. Default 300 ms. */
  pollMs?: number;
  onTranscoderExit?: (name: string, event: TranscoderExitEvent) => void;
}

export interface LadderSupervisorConfig {
  rungs: readonly LadderRungName[];
  capacity: number | undefined;
  ffmpegPath: string;
  pollMs: number;
  controlUrl: string;
  rtmpPort: number;
  hlsDir: string;
  /** Loopback port of the status page nginx proxies `/ladder` to. */
  statusPort: number;
  /** null: no plan requests (nginx runs with `notify: false`, benchmarks only). */
  plan: { notifyUrl: string; secret: string; nodeId?: string } | null;
  onTranscoderExit?: LadderOptions['onTranscoderExit'];
}

export type LadderStatusSnapshot = LadderStatus;

export interface LadderSupervisor {
  status(): LadderStatus;
  stop(): Promise<void>;
  /** Synchronous last resort when the Node process exits: SIGKILL every ffmpeg. */
  killNow(): void;
}

/** `GET <notifyUrl>/internal/rtmp/ladder`: a 404 (server without the route) or any error means enabled. */
async function fetchPlan(plan: NonNullable<LadderSupervisorConfig['plan']>, name: string): Promise<boolean> {
  const url = new URL('/internal/rtmp/ladder', `${plan.notifyUrl}/`);
  url.searchParams.set('secret', plan.secret);
  url.searchParams.set('name', name);
  if (plan.nodeId) url.searchParams.set('node', plan.nodeId);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return true;
    const body = (await response.json()) as { enabled?: unknown };
    return body.enabled !== false;
  } catch {
    return true;
  }
}

const AUDIO_ONLY_AFTER_MS = 3000;

function isLaddered(stream: StreamLadder): boolean {
  return stream.state() === 'transcoding';
}

export async function startLadderSupervisor(config: LadderSupervisorConfig): Promise<LadderSupervisor> {
  const streams = new Map<string, StreamLadder & { clientId: number | null }>();
  let encoder = 'libx264';
  let capacity: number | null = config.capacity ?? null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let loop: Promise<void> = Promise.resolve();

  // Started, not awaited: nginx serves the source meanwhile; new streams wait in `starting`.
  const ready = (async () => {
    if (config.rungs.length === 0) return void (capacity ??= 0);
    const hardware = await findHardwareEncoder(config.ffmpegPath, config.rungs);
    encoder = hardware?.encoder ?? 'libx264';
    capacity ??= hardware?.trial.capacity ?? (await measureCapacity(config.ffmpegPath, config.rungs).catch(() => ({ capacity: 0 }))).capacity;
  })();

  /** Streams at capacity, oldest first, with the rungs they will get when a slot frees up. */
  const waiting = new Map<StreamLadder, RungPlan[]>();

  function admit(stream: StreamLadder, rungs: RungPlan[]): void {
    const busy = [...streams.values()].filter(isLaddered).length;
    if (busy >= (capacity ?? 0)) {
      waiting.set(stream, rungs);
      return stream.setState('at-capacity');
    }
    waiting.delete(stream);
    stream.startTranscoding({ rungs, ffmpegPath: config.ffmpegPath, encoder, rtmpBase: `rtmp://127.0.0.1:${config.rtmpPort}/hls` });
  }

  async function decide(stream: StreamLadder, video: NonNullable<StatStream['video']>): Promise<void> {
    const enabled = config.plan ? await fetchPlan(config.plan, stream.name) : true;
    await ready;
    if (stopped || streams.get(stream.name) !== stream) return;
    if (!enabled || config.rungs.length === 0) return stream.setState('off');
    const rungs = planRungs(config.rungs, { width: video.width, height: video.height, fps: video.frameRate });
    if (rungs.length === 0) return stream.setState('source-only');
    admit(stream, rungs);
  }

  async function tick(): Promise<void> {
    const stat = await fetchStat(config.controlUrl, 2000).catch(() => null);
    // nginx restarting or busy: keep what runs; a stream that really ended is gone on the next good read.
    if (stat === null) return;
    const live = new Map(stat.filter((s) => s.app === 'hls' && s.publishing).map((s) => [s.name, s]));
    for (const [name, stream] of streams) {
      const now = live.get(name);
      // Gone, or published again in between two reads (another publisher client).
      if (now && now.clientId === stream.clientId) continue;
      streams.delete(name);
      waiting.delete(stream);
      await stream.stop();
    }
    for (const [name, source] of live) {
      const hasVideo = source.video !== null && source.video.height > 0;
      // nginx learns the video size from the first packets; a stream still without it after
      // AUDIO_ONLY_AFTER_MS has no video to ladder (it still gets its master playlist).
      if (streams.has(name) || (!hasVideo && source.time < AUDIO_ONLY_AFTER_MS)) continue;
      const stream = Object.assign(createStreamLadder({ name, hlsDir: config.hlsDir, source, onTranscoderExit: config.onTranscoderExit }), { clientId: source.clientId });
      streams.set(name, stream);
      if (source.video && hasVideo) void decide(stream, source.video);
      else stream.setState('source-only');
    }
    // A slot freed up: the longest-waiting stream at capacity takes it.
    const [next] = waiting;
    if (next && [...streams.values()].filter(isLaddered).length < (capacity ?? 0)) admit(...next);
    for (const stream of streams.values()) await stream.tick().catch(() => undefined);
  }

  const schedule = (): void => {
    if (stopped) return;
    timer = setTimeout(() => {
      loop = tick().catch(() => undefined).finally(schedule);
    }, config.pollMs);
  };
  schedule();

  const status = (): LadderStatus => ({
    capacity: capacity ?? 0,
    encoder,
    streams: [...streams.values()].map((s) => s.status()),
  });
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/ladder') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(status()));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.statusPort, '127.0.0.1', resolve);
  });

  return {
    status,
    killNow() {
      for (const stream of streams.values()) stream.killNow();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await loop;
      await Promise.all([...streams.values()].map((s) => s.stop()));
      streams.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
