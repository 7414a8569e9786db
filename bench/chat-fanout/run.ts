/**
 * Chat fan-out: N sockets in one room, M messages a second, Lait's chat server against a plain
 * Socket.IO server that emits each message to the room; same load generator, same run.
 *   npx tsx bench/chat-fanout/run.ts [--receivers 2000] [--rate 100] [--seconds 10]
 * Writes bench/chat-fanout/RESULTS.md. Loopback only; each server runs for about 20 s.
 *
 * Scale-out: two Lait processes on one MySQL database and Redis against one process, same run:
 *   npx tsx bench/chat-fanout/run.ts --topology two [--receivers 1000] [--rate 100] [--seconds 10] [--repeat 3]
 * Runs one process without Redis, one with Redis, two with Redis (receivers half/half, one
 * sender on each process at rate/2; the one-process runs get the same two senders), and two with
 * both senders on the first process; `--repeat` rounds of all four, interleaved, and their medians. Counts every
 * (receiver, message) pair: lost and duplicate deliveries. Needs MariaDB (LAIT_TEST_MYSQL_URL,
 * default mysql://root@127.0.0.1:3306) and Redis (BENCH_REDIS_URL, default redis://127.0.0.1:6379).
 * Writes bench/chat-fanout/RESULTS-two.md.
 */
import { fork, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { machine, percentile } from '../lib/report.js';
import { connectReceivers, startSender, type Receivers } from './load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const topologyArg = process.argv.indexOf('--topology');
const TOPOLOGY = topologyArg > 0 ? process.argv[topologyArg + 1] : 'one';
if (TOPOLOGY !== 'one' && TOPOLOGY !== 'two') throw new Error('--topology one|two');
const RECEIVERS = arg('receivers', TOPOLOGY === 'two' ? 1000 : 2000);
const RATE = arg('rate', 100);
const SECONDS = arg('seconds', 10);
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

interface Stats { cpu: NodeJS.CpuUsage; rss: number }
interface Result { kind: string; loadLagP99: number; deliveries: number; offered: number; cpuSec: number; perCpuSec: number; p50: number; p99: number; kbPerConn: number; refused: number }

function ask(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    child.once('message', (m: Stats) => resolve(m));
    child.send({ type: 'stats' });
  });
}

interface Setup {
  label: string;
  kind: 'lait' | 'plain';
  /** One port per server process (--topology two picks free ones in their place). */
  ports: number[];
  env?: Record<string, string>;
  /** Senders (spread round-robin over the processes), each at RATE / senders; with exactly-once accounting. */
  senders?: number;
  /** Send only through the first process (the others only relay through Redis). */
  sendOnFirst?: boolean;
}
interface ClusterResult extends Result { perProcessCpuSec: number[]; redisCpuSec: number | null; lost: number | null; duplicates: number | null; joinRetries: number; framesPerSocketSec: number }

/** utime + stime of a process from /proc, in seconds; null when it cannot be read. */
function procCpuSec(pid: number | null): number | null {
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
function redisPid(): number | null {
  try {
    const pids = execFileSync('pidof', ['redis-server']).toString().trim().split(/\s+/);
    return pids.length === 1 ? Number(pids[0]) : null;
  } catch {
    return null;
  }
}

async function runSetup(setup: Setup): Promise<ClusterResult> {
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
    const perSender = Math.ceil((RATE / nSenders) * SECONDS);
    const track = setup.senders ? { senders: nSenders, perSender } : undefined;
    const groups: Receivers[] = [];
    for (let i = 0; i < ports.length; i++) {
      const n = Math.floor(RECEIVERS / ports.length) + (i < RECEIVERS % ports.length ? 1 : 0);
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
      Array.from({ length: nSenders }, (_, k) => startSender(ports[setup.sendOnFirst ? 0 : k % ports.length]!, ready.slug, ready.token, RATE / nSenders, k, setup.senders ? perSender : Infinity)),
    );
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    senders.forEach((s) => s.stopSending());
    const sent = senders.map((s) => s.sent());
    const offered = sent.reduce((a, b) => a + b, 0) * RECEIVERS;
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
      kbPerConn: rssGrowth / 1024 / RECEIVERS,
      refused: senders.reduce((a, s) => a + s.refused(), 0),
      loadLagP99: lag.percentile(99) / 1e6,
      perProcessCpuSec,
      redisCpuSec: redisBefore !== null && redisAfter !== null ? redisAfter - redisBefore : null,
      lost: exact?.lost ?? null,
      duplicates: exact?.duplicates ?? null,
      joinRetries: groups.reduce((a, g) => a + g.joinRetries(), 0),
      framesPerSocketSec: frames / RECEIVERS / SECONDS,
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

const runOne = (kind: 'lait' | 'plain', port: number): Promise<Result> => runSetup({ label: kind, kind, ports: [port] });

if (TOPOLOGY === 'two') {
  const { createTestDatabase } = await import('@lait/server/testing');
  const { freePort } = await import('@lait/testkit/ports');
  const loadStart = loadavg();
  const results: ClusterResult[] = [];
  const jwt = randomBytes(24).toString('hex');
  const specs: Setup[] = [
    { label: 'one process, no Redis', kind: 'lait', ports: [39_421], senders: 2 },
    { label: 'one process, Redis', kind: 'lait', ports: [39_422], senders: 2, env: { BENCH_REDIS_URL: REDIS_URL } },
    { label: 'two processes, Redis', kind: 'lait', ports: [39_423, 39_424], senders: 2, env: { BENCH_REDIS_URL: REDIS_URL } },
    { label: 'two processes, Redis, both senders on the first', kind: 'lait', ports: [39_425, 39_426], senders: 2, sendOnFirst: true, env: { BENCH_REDIS_URL: REDIS_URL } },
  ];
  const n = (x: number) => Math.round(x).toLocaleString('en');
  // Rounds interleave the setups, so a burst of other work on the shared machine hits them alike.
  const ROUNDS = arg('repeat', 3);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const spec of specs) {
      const db = await createTestDatabase('mysql');
      try {
        // Fresh free ports each time: fixed ones sit in the ephemeral range, where other work's
        // outgoing connections may hold them.
        const ports = await Promise.all(spec.ports.map(() => freePort()));
        const r = await runSetup({ ...spec, ports, env: { ...spec.env, BENCH_DATABASE_URL: db.url, BENCH_JWT_SECRET: jwt } });
        console.log(round, r.kind, Math.round(r.perCpuSec), r.p99, r.lost, r.duplicates);
        results.push({ ...r, kind: `${r.kind} (${round})` });
      } finally {
        await db.drop();
      }
    }
  }
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  const summary = specs.map((spec, i) => {
    const rs = results.filter((_, j) => j % specs.length === i);
    return {
      label: spec.label,
      perCpuSec: median(rs.map((r) => r.perCpuSec)),
      range: `${n(Math.min(...rs.map((r) => r.perCpuSec)))}–${n(Math.max(...rs.map((r) => r.perCpuSec)))}`,
      p99: median(rs.map((r) => r.p99)),
      p50: median(rs.map((r) => r.p50)),
      frames: median(rs.map((r) => r.framesPerSocketSec)),
      lost: rs.reduce((a, r) => a + (r.lost ?? 0), 0),
      duplicates: rs.reduce((a, r) => a + (r.duplicates ?? 0), 0),
    };
  });
  const sumRow = (x: (typeof summary)[number]) =>
    `| ${x.label} | **${n(x.perCpuSec)}** | ${x.range} | ${x.frames.toFixed(1)} | ${x.p50.toFixed(0)} | **${x.p99.toFixed(0)}** | ${x.lost} / ${x.duplicates} |`;
  const row = (r: ClusterResult) =>
    `| ${r.kind} | ${n(r.perCpuSec)} | ${r.deliveries.toLocaleString('en')} of ${r.offered.toLocaleString('en')} | ${r.lost} / ${r.duplicates} | ${r.perProcessCpuSec.map((c) => c.toFixed(2)).join(' + ')} | ${r.redisCpuSec === null ? '—' : r.redisCpuSec.toFixed(2)} | ${r.redisCpuSec === null ? '—' : n(r.deliveries / (r.cpuSec + r.redisCpuSec))} | ${r.framesPerSocketSec.toFixed(1)} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.kbPerConn.toFixed(1)} | ${r.refused} | ${r.joinRetries} | ${r.loadLagP99.toFixed(0)} |`;
  const [bare, oneRedis, two, twoOneSide] = summary as [(typeof summary)[number], (typeof summary)[number], (typeof summary)[number], (typeof summary)[number]];
  const md = `# Chat fan-out over two API processes (Redis)

Command: \`npx tsx bench/chat-fanout/run.ts --topology two --receivers ${RECEIVERS} --rate ${RATE} --seconds ${SECONDS} --repeat ${ROUNDS}\`
Machine: ${machine()} (nproc ${(await import('node:os')).availableParallelism()}, shared with other work; load average at the start ${loadStart.map((l) => l.toFixed(1)).join(' / ')})
Date: ${new Date().toISOString()}

${RECEIVERS} websocket clients in one room, ${RATE} messages/s in all from two senders (the channel owner, one
socket per process in the two-process run, both on the one process otherwise), ${SECONDS} s of sending. Every
Lait process runs in its own child process on the same fresh MariaDB database; with two processes the
receivers are split half/half and the Socket.IO Redis adapter carries each process's per-tick frames to the
other. Server CPU is the sum of the Lait processes' \`process.cpuUsage()\` from the first send until the last
delivery (20 s drain at most); Redis CPU is utime + stime of the machine's redis-server from /proc over the
same window (shared with whatever else used Redis at the time). Lost / duplicate: (receiver, message) pairs
never delivered or delivered more than once, over every receiver and every message sent. Joins retried:
joins the server refused as busy (it runs at most 8 joins/history reads at once per process, 64 waiting)
and the receiver sent again after retryAfterSec, as the real client does; receivers join 100 at a time.
Frames per socket per s: \`chat:messages\` frames each receiver got, over the sending time: each process
batches the sends it received in a 50 ms tick into one frame, so with senders on both processes a socket
gets one frame per process per tick. KB RSS per connection is the processes' RSS growth from connecting the
clients, after GC (noisy at 1,000 clients: heap freed after start-up is reused).

| setup | deliveries per server CPU-s | delivered | lost / duplicate | server CPU-s (per process) | Redis CPU-s | deliveries per (server + Redis) CPU-s | frames per socket per s | p50 ms | p99 ms | KB RSS per connection | refused sends | joins retried | load generator event-loop lag p99 ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${results.map(row).join('\n')}

Medians over the ${ROUNDS} rounds (rounds interleave the setups):

| setup | deliveries per server CPU-s | range | frames per socket per s | p50 ms | p99 ms | lost / duplicate (all rounds) |
| --- | --- | --- | --- | --- | --- | --- |
${summary.map(sumRow).join('\n')}

Medians, two processes / one process with Redis, deliveries per server CPU-s: **${(two.perCpuSec / oneRedis.perCpuSec).toFixed(2)}×**
(p99 ${two.p99.toFixed(0)} ms against ${oneRedis.p99.toFixed(0)} ms); with every send through the first process:
**${(twoOneSide.perCpuSec / oneRedis.perCpuSec).toFixed(2)}×** (p99 ${twoOneSide.p99.toFixed(0)} ms). One process with Redis / without:
${(oneRedis.perCpuSec / bare.perCpuSec).toFixed(2)}×.
`;
  writeFileSync(path.join(here, 'RESULTS-two.md'), md);
  console.log(md);
  process.exit(0);
}

const only = process.argv.includes('--only-lait');
const lait = await runOne('lait', 39_411);
if (only) {
  console.log(lait);
  process.exit(0);
}
const plain = await runOne('plain', 39_412);
const row = (r: Result) =>
  `| ${r.kind} | ${Math.round(r.perCpuSec).toLocaleString('en')} | ${r.deliveries.toLocaleString('en')} of ${r.offered.toLocaleString('en')} | ${r.cpuSec.toFixed(2)} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.kbPerConn.toFixed(1)} | ${r.refused} | ${r.loadLagP99.toFixed(0)} |`;
const md = `# Chat fan-out benchmark

Command: \`npx tsx bench/chat-fanout/run.ts --receivers ${RECEIVERS} --rate ${RATE} --seconds ${SECONDS}\`
Machine: ${machine()} (nproc ${(await import('node:os')).availableParallelism()}, shared with other work)
Date: ${new Date().toISOString()}

${RECEIVERS} websocket clients in one room, ${RATE} messages/s from one sender (the channel owner, exempt from
chat limits), ${SECONDS} s of sending. Each server runs in its own child
process; CPU is that process's \`process.cpuUsage()\` over the window. CPU is counted from the first send until the last
delivery arrived (20 s drain at most). Latency is send→receive on the
load generator's clock, sampled on every 20th client. Memory per connection: server RSS growth (after GC)
from connecting the clients, divided by their number.

- **lait**: the real server (SQLite, no Redis): every message validated, filtered, stored (one INSERT per
  tick), acknowledged, and broadcast with its room's other messages of the tick as one frame.
- **plain**: Socket.IO emitting each message to the room as it arrives (no storage, no checks).
Both run with per-message deflate off, so Socket.IO frames a broadcast once for all sockets.

| server | deliveries per server CPU-s | delivered | server CPU-s | p50 ms | p99 ms | KB RSS per connection | refused sends | load generator event-loop lag p99 ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row(lait)}
${row(plain)}

Ratio lait / plain deliveries per CPU-s: **${(lait.perCpuSec / plain.perCpuSec).toFixed(1)}×**.
`;
writeFileSync(path.join(here, 'RESULTS.md'), md);
console.log(md);
process.exit(0);
