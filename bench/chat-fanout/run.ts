/**
 * Chat fan-out: N sockets in one room, M messages a second, Lait's chat server against a plain
 * Socket.IO server that emits each message to the room; same load generator, same run.
 *   npx tsx bench/chat-fanout/run.ts [--receivers 2000] [--rate 100] [--seconds 10]
 * Writes bench/chat-fanout/RESULTS.md. Loopback only; each server runs for about 20 s.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { machine, percentile } from '../lib/report.js';
import { connectReceivers, startSender } from './load.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RECEIVERS = arg('receivers', 2000);
const RATE = arg('rate', 100);
const SECONDS = arg('seconds', 10);

interface Stats { cpu: NodeJS.CpuUsage; rss: number }
interface Result { kind: string; loadLagP99: number; deliveries: number; offered: number; cpuSec: number; perCpuSec: number; p50: number; p99: number; kbPerConn: number; refused: number }

function ask(child: ChildProcess): Promise<Stats> {
  return new Promise((resolve) => {
    child.once('message', (m: Stats) => resolve(m));
    child.send({ type: 'stats' });
  });
}

async function runOne(kind: 'lait' | 'plain', port: number): Promise<Result> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-bench-chat-'));
  const child = fork(path.join(here, 'server-child.ts'), [kind, String(port), dataDir], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const ready = await new Promise<{ token: string; slug: string }>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (c) => reject(new Error(`${kind} server exited with ${c}`)));
    });
    const idle = await ask(child);
    const receivers = await connectReceivers(port, ready.slug, RECEIVERS, 20);
    const connected = await ask(child);
    // CPU from the first send until the last delivery (or a 20 s drain limit): skew-free, and a
    // server that falls behind pays for its backlog inside the window.
    const before = await ask(child);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const sender = await startSender(port, ready.slug, ready.token, RATE);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    sender.stopSending();
    const offered = sender.sent() * RECEIVERS;
    const drainUntil = Date.now() + 20_000;
    while (receivers.deliveries() < offered && Date.now() < drainUntil) await new Promise((r) => setTimeout(r, 50));
    const after = await ask(child);
    lag.disable();
    const deliveries = receivers.deliveries();
    sender.close();
    receivers.close();
    const cpuSec = (after.cpu.user - before.cpu.user + after.cpu.system - before.cpu.system) / 1e6;
    const sorted = receivers.latencies.sort((a, b) => a - b);
    return {
      kind,
      deliveries,
      offered,
      cpuSec,
      perCpuSec: deliveries / cpuSec,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      kbPerConn: (connected.rss - idle.rss) / 1024 / RECEIVERS,
      refused: sender.refused(),
      loadLagP99: lag.percentile(99) / 1e6,
    };
  } finally {
    child.send({ type: 'exit' });
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
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
