/**
 * Chat fan-out: N sockets in one room, M messages a second from S signed-in senders; Lait's chat
 * server, a plain Socket.IO server that emits each message to the room, and a naive 50 ms batcher,
 * one after another in one run with the same load generator:
 *   npx tsx bench/chat-fanout/run.ts [--receivers 2000] [--senders 150] [--rate 100] [--seconds 15] [--servers lait,plain,naive]
 * Each sender is its own ordinary viewer account on Lait (signed up through the real route), so
 * every send passes the per-user limits, the filter and validation; the peers accept any socket.
 * Every (receiver, message) pair is checked: lost and duplicate deliveries.
 * Writes bench/chat-fanout/RESULTS.md (only when all three servers ran). Loopback only.
 * BENCH_CPU_PROF_DIR=dir: each server process writes a V8 .cpuprofile into dir when it exits.
 *
 * Scale-out: two Lait processes on one MySQL database and Redis against one process, same run:
 *   npx tsx bench/chat-fanout/run.ts --topology two [--receivers 1000] [--rate 100] [--seconds 10] [--repeat 3]
 * Runs one process without Redis, one with Redis, two with Redis (receivers half/half, one
 * sender on each process at rate/2; the one-process runs get the same two senders), and two with
 * both senders on the first process; `--repeat` rounds of all four, interleaved, and their
 * medians (topology-two.ts). The senders there are the channel owner (exempt from chat limits).
 * Needs MariaDB (LAIT_TEST_MYSQL_URL, default mysql://root@127.0.0.1:3306) and Redis
 * (BENCH_REDIS_URL, default redis://127.0.0.1:6379).
 * Writes bench/chat-fanout/RESULTS-two.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadavg } from 'node:os';
import { freePort } from '@lait/testkit/ports';
import { machine } from '../lib/report.js';
import { runSetup, type ClusterResult } from './setup.js';
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
const SECONDS = arg('seconds', TOPOLOGY === 'two' ? 10 : 15);
const SENDERS = arg('senders', 150);

if (TOPOLOGY === 'two') {
  const { md, exact } = await runTopologyTwo({ receivers: RECEIVERS, rate: RATE, seconds: SECONDS }, arg('repeat', 3));
  console.log(md);
  // A lost or doubled delivery is a bug, not a performance number: fail the run.
  if (!exact) console.error('chat-fanout: deliveries were lost or duplicated (see the table)');
  process.exit(exact ? 0 : 1);
}

type Kind = 'lait' | 'plain' | 'naive';
const serversArg = process.argv.indexOf('--servers');
const only = process.argv.includes('--only-lait');
const kinds = (only ? ['lait'] : serversArg > 0 ? process.argv[serversArg + 1]!.split(',') : ['lait', 'plain', 'naive']) as Kind[];
if (kinds.some((k) => !['lait', 'plain', 'naive'].includes(k))) throw new Error('--servers lait,plain,naive');

const loadStart = loadavg();
const started = new Date();
const results = new Map<Kind, ClusterResult>();
for (const kind of kinds) {
  // A fresh free port each time: fixed ones sit in the ephemeral range.
  const r = await runSetup({ label: kind, kind, ports: [await freePort()], senders: SENDERS }, { receivers: RECEIVERS, rate: RATE, seconds: SECONDS });
  console.log(kind, JSON.stringify({ ...r, perCpuSec: Math.round(r.perCpuSec) }));
  results.set(kind, r);
}
const loadEnd = loadavg();
if (kinds.length < 3) process.exit(0);

const lait = results.get('lait')!;
const plain = results.get('plain')!;
const naive = results.get('naive')!;
const n = (x: number) => Math.round(x).toLocaleString('en');
const codes = (r: ClusterResult) => (r.refused ? ` (${Object.entries(r.refusedCodes).map(([c, k]) => `${c} ${k}`).join(', ')})` : '');
const row = (r: ClusterResult) =>
  `| ${r.kind} | **${n(r.perCpuSec)}** | ${n(r.deliveries)} of ${n(r.offered)} | ${r.cpuSec.toFixed(2)} (${((r.systemSec / r.cpuSec) * 100).toFixed(0)} %) | ${r.framesPerSocketSec.toFixed(1)} | ${((r.cpuSec * 1e6) / (r.framesPerSocketSec * RECEIVERS * SECONDS)).toFixed(1)} | ${r.p50.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.lost} / ${r.duplicates} | ${r.refused} of ${n(r.sent)}${codes(r)} | ${r.unacked} | ${r.kbPerConn.toFixed(1)} | ${r.loadCpuPct.toFixed(0)} % | ${r.loadLagP99.toFixed(0)} |`;
const la = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
const tickEnv = process.env['CHAT_BUSY_ROOM_TICK_MS'] ? `CHAT_BUSY_ROOM_TICK_MS=${process.env['CHAT_BUSY_ROOM_TICK_MS']} ` : '';
const cmd = `${tickEnv}npx tsx bench/chat-fanout/run.ts --receivers ${RECEIVERS} --senders ${SENDERS} --rate ${RATE} --seconds ${SECONDS}`;
const md = `# Chat fan-out benchmark

Command: \`${cmd}\`
Machine: ${machine()} (nproc ${(await import('node:os')).availableParallelism()}, shared with other work);
load average (1/5/15 min) ${la(loadStart)} at the start, ${la(loadEnd)} at the end
Date: ${started.toISOString()}

${RECEIVERS} websocket receivers in one room; ${SENDERS} senders, ${RATE} messages/s in all (${(RATE / SENDERS).toFixed(2)}/s each, their
phases spread evenly), ${SECONDS} s of sending. On Lait every sender is its own ordinary viewer account, signed up
through the real signup route: every send passes validation, the filter and the per-user limits (burst 8,
1 message/s; unchanged), is stored before its ack, and is acknowledged. Only the per-address limits are lifted
(every socket comes from 127.0.0.1). The peers take the same senders (they accept any socket).

- **lait**: the real server (SQLite, no Redis), config defaults as \`npm start\` has them except the
  per-address chat limits; a room's sends are gathered per tick (50 ms, 75 ms from 750 sockets): one INSERT
  and one frame per room per tick, built once and written once per socket (\`emitToRoom\`).
- **plain**: Socket.IO emitting each message to the room as it arrives (no storage, no checks).
- **naive**: Socket.IO gathering a room's sends for 50 ms and emitting them as one \`chat:messages\` frame,
  acking each send at once (no validation, filter, limits or storage).

All run in their own child process, websocket only, per-message deflate off (Socket.IO frames a broadcast
once for all sockets). Server CPU is the child's \`process.cpuUsage()\` from the first send until the last
delivery and the last ack, or 20 s after the last send and then until the server answers the CPU query (a
server that fell behind answers only after most of its backlog: that backlog's CPU and deliveries are in the
window, and its latencies in p50/p99). Latency is send → receive on the load generator's clock,
sampled on every 20th receiver. Frames per receiver per s: \`chat:messages\` frames each receiver got,
over the sending time (a server's cost is mostly one socket write per frame per receiver, so a server whose
50 ms timer slips on a starved machine sends fewer, larger frames and looks cheaper per delivery; CPU µs per
frame per receiver does not move with that). Lost / duplicates: (receiver, accepted message) pairs not delivered when the
window closed, or delivered more than once, over every receiver and every sender. Refused sends: acks with ok: false (not
expected at the receivers). KB RSS per connection: the server's RSS 1 s after all ${RECEIVERS} receivers and ${SENDERS}
senders had joined, minus its RSS before any connected, over ${RECEIVERS + SENDERS} sockets, without a forced GC; the
servers start without --expose-gc (Lait's accounts are made beforehand by a separate process, so the measured
one starts as \`npm start\` does). Load generator CPU: its own \`process.cpuUsage()\` over the same window, in
% of one core (it runs all receivers and senders in one process: at 100 % its clock, and so p99, is not
trustworthy).

| server | deliveries per server CPU-s | delivered | server CPU-s (of which kernel) | frames per receiver per s | server CPU µs per frame per receiver | p50 ms | p99 ms | lost / duplicates | refused sends | sends not acked when the window closed | KB RSS per connection | load generator CPU | load generator event-loop lag p99 ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |
${row(lait)}
${row(plain)}
${row(naive)}

Deliveries per server CPU-s, lait / plain: **${(lait.perCpuSec / plain.perCpuSec).toFixed(1)}×**; lait / naive: **${(lait.perCpuSec / naive.perCpuSec).toFixed(2)}×**.
`;
writeFileSync(path.join(here, 'RESULTS.md'), md);
console.log(md);
process.exit(0);
