/**
 * Runs one server setup of bench/chat-fanout: its server processes (server-child.ts), receivers
 * spread evenly over them, senders, and the CPU, latency and exactly-once accounting of the window.
 */
import { fork, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { percentile } from '../lib/report.js';
import { connectReceivers, startSender, type Receivers } from './load.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** N receivers in one room, `rate` messages/s in all, `seconds` of sending. */
export interface Load { receivers: number; rate: number; seconds: number }

export interface Stats { cpu: NodeJS.CpuUsage; rss: number }
export interface Result { kind: string; loadLagP99: number; deliveries: number; offered: number; cpuSec: number; perCpuSec: number; p50: number; p99: number; kbPerConn: number; refused: number }

export function ask(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    child.once('message', (m: Stats) => resolve(m));
    child.send({ type: 'stats' });
  });
}

export interface Setup {
  label: string;
  kind: 'lait' | 'plain';
  /** One port per server process (--topology two picks free ones in their place). */
  ports: number[];
  env?: Record<string, string>;
  /** Senders (spread round-robin over the processes), each at rate / senders; with exactly-once accounting. */
  senders?: number;
  /** Send only through the first process (the others only relay through Redis). */
  sendOnFirst?: boolean;
}
export interface ClusterResult extends Result { perProcessCpuSec: number[]; redisCpuSec: number | null; lost: number | null; duplicates: number | null; joinRetries: number; framesPerSocketSec: number }

/** utime + stime of a process from /proc, in seconds; null when it cannot be read. */
export function procCpuSec(pid: number | null): number | null {
  if (pid === null) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), counted from the state field (3rd) here.
    const ticks = Number(fields[11]) + Number(fields[12]);
    const hz = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    return ticks / hz;
  } catch {
    return null;
  }
}
export function redisPid(): number | null {
  try {
    const pids = execFileSync('pidof', ['redis-server']).toString().trim().split(/\s+/);
    return pids.length === 1 ? Number(pids[0]) : null;
  } catch {
    return null;
  }
}

export async function runSetup(setup: Setup, load: Load): Promise<ClusterResult> {
  const { kind, ports } = setup;
  const dataDirs: string[] = [];
  const children: ChildProcess[] = [];
  const startChild = async (port: number, follower: boolean) => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-bench-chat-'));
    dataDirs.push(dataDir);
    const child = fork(path.join(here, 'server-child.ts'), [kind, String(port), dataDir, ...(follower ? ['follower'] : [])], {
      execArgv: ['--import', 'tsx', '--expose-gc'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...setup.env },
    });
    children.push(child);
    return new Promise<{ token: string; slug: string }>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (c) => reject(new Error(`${setup.label}: ${kind} server exited with ${c}`)));
    });
  };
  const all = <T>(f: (c: ChildProcess) => Promise<T>) => Promise.all(children.map(f));
  const sumCpu = (s: Stats[]) => s.map((x) => (x.cpu.user + x.cpu.system) / 1e6);
  try {
    // The first process migrates the database and creates the channel; the others join it.
    const ready = await startChild(ports[0]!, false);
    for (const port of ports.slice(1)) await startChild(port, true);
    const idle = await all(ask);
    const nSenders = setup.senders ?? 1;
    const perSender = Math.ceil((load.rate / nSenders) * load.seconds);
    const track = setup.senders ? { senders: nSenders, perSender } : undefined;
    const groups: Receivers[] = [];
    for (let i = 0; i < ports.length; i++) {
      const n = Math.floor(load.receivers / ports.length) + (i < load.receivers % ports.length ? 1 : 0);
      groups.push(await connectReceivers(ports[i]!, ready.slug, n, 20, track));
    }
    const deliveries = () => groups.reduce((a, g) => a + g.deliveries(), 0);
    const connected = await all(ask);
    // CPU from the first send until the last delivery (or a 20 s drain limit): skew-free, and a
    // server that falls behind pays for its backlog inside the window.
    const before = await all(ask);
    const pid = redisPid();
    const redisBefore = setup.env?.['BENCH_REDIS_URL'] ? procCpuSec(pid) : null;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const senders = await Promise.all(
      Array.from({ length: nSenders }, (_, k) => startSender(ports[setup.sendOnFirst ? 0 : k % ports.length]!, ready.slug, ready.token, load.rate / nSenders, k, setup.senders ? perSender : Infinity)),
    );
    await new Promise((r) => setTimeout(r, load.seconds * 1000));
    senders.forEach((s) => s.stopSending());
    const sent = senders.map((s) => s.sent());
    const offered = sent.reduce((a, b) => a + b, 0) * load.receivers;
    const drainUntil = Date.now() + 20_000;
    while (deliveries() < offered && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
    const after = await all(ask);
    const redisAfter = redisBefore === null ? null : procCpuSec(pid);
    lag.disable();
    const delivered = deliveries();
    const frames = groups.reduce((a, g) => a + g.frames(), 0);
    const exact = track ? groups.map((g) => g.exactness(sent)).reduce((a, b) => ({ lost: a.lost + b.lost, duplicates: a.duplicates + b.duplicates })) : null;
    senders.forEach((s) => s.close());
    groups.forEach((g) => g.close());
    const perProcessCpuSec = sumCpu(after).map((a, i) => a - sumCpu(before)[i]!);
    const cpuSec = perProcessCpuSec.reduce((a, b) => a + b, 0);
    const sorted = groups.flatMap((g) => g.latencies).sort((a, b) => a - b);
    const rssGrowth = connected.reduce((a, c, i) => a + c.rss - idle[i]!.rss, 0);
    return {
      kind: setup.label,
      deliveries: delivered,
      offered,
      cpuSec,
      perCpuSec: delivered / cpuSec,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      kbPerConn: rssGrowth / 1024 / load.receivers,
      refused: senders.reduce((a, s) => a + s.refused(), 0),
      loadLagP99: lag.percentile(99) / 1e6,
      perProcessCpuSec,
      redisCpuSec: redisBefore !== null && redisAfter !== null ? redisAfter - redisBefore : null,
      lost: exact?.lost ?? null,
      duplicates: exact?.duplicates ?? null,
      joinRetries: groups.reduce((a, g) => a + g.joinRetries(), 0),
      framesPerSocketSec: frames / load.receivers / load.seconds,
    };
  } finally {
    for (const child of children.reverse()) {
      if (child.exitCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.send({ type: 'exit' });
      await exited;
    }
    dataDirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  }
}
