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
 * both senders on the first process; `--repeat` rounds of all four, interleaved, and their
 * medians (topology-two.ts). Counts every (receiver, message) pair: lost and duplicate deliveries.
 * Needs MariaDB (LAIT_TEST_MYSQL_URL, default mysql://root@127.0.0.1:3306) and Redis
 * (BENCH_REDIS_URL, default redis://127.0.0.1:6379).
 * Writes bench/chat-fanout/RESULTS-two.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from '../lib/report.js';
import { runSetup, type Result } from './setup.js';
import { runTopologyTwo } from './topology-two.js';

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

const runOne = (kind: 'lait' | 'plain', port: number): Promise<Result> => runSetup({ label: kind, kind, ports: [port] }, { receivers: RECEIVERS, rate: RATE, seconds: SECONDS });

if (TOPOLOGY === 'two') {
  const { md, exact } = await runTopologyTwo({ receivers: RECEIVERS, rate: RATE, seconds: SECONDS }, arg('repeat', 3));
  console.log(md);
  // A lost or doubled delivery is a bug, not a performance number: fail the run.
  if (!exact) console.error('chat-fanout: deliveries were lost or duplicated (see the table)');
  process.exit(exact ? 0 : 1);
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
