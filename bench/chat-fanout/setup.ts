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
import { connectReceivers, connectSender, startSending, type Receivers, type Sender } from './load.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** N receivers in one room, `rate` messages/s in all, `seconds` of sending. */
export interface Load { receivers: number; rate: number; seconds: number }

export interface Stats { cpu: NodeJS.CpuUsage; rss: number }
export interface Result {
  kind: string;
  loadLagP99: number;
  /** The load generator's own CPU (process.cpuUsage) over the window, in % of one core. */
  loadCpuPct: number;
  deliveries: number;
  offered: number;
  cpuSec: number;
  /** Of cpuSec, the kernel's part (system time: mostly the socket writes). */
  systemSec: number;
  perCpuSec: number;
  p50: number;
  p99: number;
  /** Server RSS 1 s after every socket joined minus RSS before any connected, per socket (no forced GC). */
  kbPerConn: number;
  /** Sockets that KB per connection divides by (receivers + senders). */
  sockets: number;
  sent: number;
  refused: number;
  refusedCodes: Record<string, number>;
  /** Sends whose ack never came. */
  unacked: number;
}

export function ask(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    child.once('message', (m: Stats) => resolve(m));
    child.send({ type: 'stats' });
  });
}

export interface Setup {
  label: string;
  kind: 'lait' | 'plain' | 'naive';
  /** One port per server process (--topology two picks free ones in their place). */
  ports: number[];
  env?: Record<string, string>;
  /** Senders (spread round-robin over the processes), each at rate / senders; with exactly-once accounting. */
  senders?: number;
  /**
   * Who sends on Lait: `viewer` (default), one ordinary signed-up account per sender, so every send
   * passes the per-user limits; `owner`, the channel owner on every sender socket (exempt from limits).
   */
  senderRole?: 'viewer' | 'owner';
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
  const nSenders = setup.senders ?? 1;
  const senderRole = setup.senderRole ?? 'viewer';
  // SQLite: one data directory for the provisioning run and the server(s) (topology two uses MariaDB).
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-bench-chat-'));
  dataDirs.push(dataDir);
  // No --expose-gc: the servers run as `npm start` runs them (tsx only loads the TypeScript).
  const startChild = async (port: number, role?: 'provision' | 'follower') => {
    const child = fork(path.join(here, 'server-child.ts'), [kind, String(port), dataDir, ...(role ? [role] : [])], {
      // BENCH_CPU_PROF_DIR: each server process writes a .cpuprofile there when it exits (for finding where the CPU goes).
      execArgv: ['--import', 'tsx', ...(process.env['BENCH_CPU_PROF_DIR'] && role !== 'provision' ? ['--cpu-prof', `--cpu-prof-dir=${process.env['BENCH_CPU_PROF_DIR']}`] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ...setup.env, BENCH_SENDERS: String(senderRole === 'viewer' ? nSenders : 0) },
    });
    if (role !== 'provision') children.push(child);
    return new Promise<{ token?: string; slug: string; senderTokens?: string[] }>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (c) => reject(new Error(`${setup.label}: ${kind} server exited with ${c}`)));
    });
  };
  const all = <T>(f: (c: ChildProcess) => Promise<T>) => Promise.all(children.map(f));
  const sumCpu = (s: Stats[]) => s.map((x) => (x.cpu.user + x.cpu.system) / 1e6);
  try {
    // Lait: a provisioning process migrates the database and signs up the owner and the senders,
    // then exits; the measured processes start on that database and create nothing.
    const ready = kind === 'lait' ? await startChild(ports[0]!, 'provision') : { slug: 'bench' };
    for (const port of ports) await startChild(port, kind === 'lait' ? 'follower' : undefined);
    await new Promise((r) => setTimeout(r, 1000));
    const idle = await all(ask);
    const perSender = Math.ceil((load.rate / nSenders) * load.seconds);
    const track = setup.senders ? { senders: nSenders, perSender } : undefined;
    const groups: Receivers[] = [];
    for (let i = 0; i < ports.length; i++) {
      const n = Math.floor(load.receivers / ports.length) + (i < load.receivers % ports.length ? 1 : 0);
      groups.push(await connectReceivers(ports[i]!, ready.slug, n, 20, track));
    }
    const deliveries = () => groups.reduce((a, g) => a + g.deliveries(), 0);
    const tokenOf = (k: number) => (kind !== 'lait' ? '' : senderRole === 'owner' ? ready.token! : ready.senderTokens![k]!);
    const senders: Sender[] = [];
    for (let k = 0; k < nSenders; k += 50) {
      const batch = Array.from({ length: Math.min(50, nSenders - k) }, (_, j) => k + j);
      senders.push(...(await Promise.all(batch.map((i) => connectSender(ports[setup.sendOnFirst ? 0 : i % ports.length]!, ready.slug, tokenOf(i), load.rate / nSenders, i, nSenders, setup.senders ? perSender : Infinity)))));
    }
    // RSS as the running server holds it: 1 s after every socket joined, no forced GC.
    await new Promise((r) => setTimeout(r, 1000));
    const connected = await all(ask);
    // CPU from the first send until the last delivery (or a 20 s drain limit): skew-free, and a
    // server that falls behind pays for its backlog inside the window.
    const before = await all(ask);
    const pid = redisPid();
    const redisBefore = setup.env?.['BENCH_REDIS_URL'] ? procCpuSec(pid) : null;
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const loadCpu = process.cpuUsage();
    const windowStart = performance.now();
    const sending = startSending(senders);
    await new Promise((r) => setTimeout(r, load.seconds * 1000));
    sending.stop();
    const sent = senders.map((s) => s.sent());
    // Offered: every accepted send to every receiver (a refusal is only known from its ack, so the
    // drain also waits for every ack).
    const accepted = () => sent.reduce((a, b) => a + b, 0) - senders.reduce((a, s) => a + s.refused(), 0);
    const drainUntil = Date.now() + 20_000;
    while ((deliveries() < accepted() * load.receivers || senders.some((s) => s.acked() < s.sent())) && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
    const offered = accepted() * load.receivers;
    const after = await all(ask);
    const loadUsed = process.cpuUsage(loadCpu);
    const windowMs = performance.now() - windowStart;
    const redisAfter = redisBefore === null ? null : procCpuSec(pid);
    lag.disable();
    const delivered = deliveries();
    const frames = groups.reduce((a, g) => a + g.frames(), 0);
    const exact = track ? groups.map((g) => g.exactness(sent, senders.map((s) => s.refusedSeqs()))).reduce((a, b) => ({ lost: a.lost + b.lost, duplicates: a.duplicates + b.duplicates })) : null;
    senders.forEach((s) => s.close());
    groups.forEach((g) => g.close());
    const perProcessCpuSec = sumCpu(after).map((a, i) => a - sumCpu(before)[i]!);
    const cpuSec = perProcessCpuSec.reduce((a, b) => a + b, 0);
    const sorted = groups.flatMap((g) => g.latencies).sort((a, b) => a - b);
    const rssGrowth = connected.reduce((a, c, i) => a + c.rss - idle[i]!.rss, 0);
    const refusedCodes: Record<string, number> = {};
    for (const s of senders) for (const [code, n] of Object.entries(s.refusedCodes())) refusedCodes[code] = (refusedCodes[code] ?? 0) + n;
    return {
      kind: setup.label,
      deliveries: delivered,
      offered,
      cpuSec,
      systemSec: after.reduce((a, x, i) => a + (x.cpu.system - before[i]!.cpu.system) / 1e6, 0),
      perCpuSec: delivered / cpuSec,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      kbPerConn: rssGrowth / 1024 / (load.receivers + nSenders),
      sockets: load.receivers + nSenders,
      sent: sent.reduce((a, b) => a + b, 0),
      refused: senders.reduce((a, s) => a + s.refused(), 0),
      refusedCodes,
      unacked: senders.reduce((a, s) => a + s.sent() - s.acked(), 0),
      loadLagP99: lag.percentile(99) / 1e6,
      loadCpuPct: ((loadUsed.user + loadUsed.system) / 1000 / windowMs) * 100,
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
