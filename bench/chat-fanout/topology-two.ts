/**
 * bench/chat-fanout --topology two: one Lait process without and with Redis, two processes on one
 * MariaDB database and Redis (senders on both, then on the first only), in interleaved rounds.
 * Writes bench/chat-fanout/RESULTS-two.md and returns its text.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@lait/server/testing';
import { freePort } from '@lait/testkit/ports';
import { machine } from '../lib/report.js';
import { runSetup, type ClusterResult, type Load, type Setup } from './setup.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** `exact`: no (receiver, message) pair was lost or delivered twice in any run. */
export async function runTopologyTwo(load: Load, rounds: number): Promise<{ md: string; exact: boolean }> {
  const loadStart = loadavg();
  const results: ClusterResult[] = [];
  const jwt = randomBytes(24).toString('hex');
  const specs: Setup[] = [
    { label: 'one process, no Redis', kind: 'lait', ports: [0], senders: 2, senderRole: 'owner' },
    { label: 'one process, Redis', kind: 'lait', ports: [0], senders: 2, senderRole: 'owner', env: { BENCH_REDIS_URL: REDIS_URL } },
    { label: 'two processes, Redis', kind: 'lait', ports: [0, 0], senders: 2, senderRole: 'owner', env: { BENCH_REDIS_URL: REDIS_URL } },
    { label: 'two processes, Redis, both senders on the first', kind: 'lait', ports: [0, 0], senders: 2, senderRole: 'owner', sendOnFirst: true, env: { BENCH_REDIS_URL: REDIS_URL } },
  ];
  const n = (x: number) => Math.round(x).toLocaleString('en');
  // Rounds interleave the setups, so a burst of other work on the shared machine hits them alike.
  for (let round = 1; round <= rounds; round++) {
    for (const spec of specs) {
      const db = await createTestDatabase('mysql');
      try {
        // Fresh free ports each time: fixed ones sit in the ephemeral range, where other work's
        // outgoing connections may hold them.
        const ports = await Promise.all(spec.ports.map(() => freePort()));
        const r = await runSetup({ ...spec, ports, env: { ...spec.env, BENCH_DATABASE_URL: db.url, BENCH_JWT_SECRET: jwt } }, load);
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

Command: \`npx tsx bench/chat-fanout/run.ts --topology two --receivers ${load.receivers} --rate ${load.rate} --seconds ${load.seconds} --repeat ${rounds}\`
Machine: ${machine()} (nproc ${availableParallelism()}, shared with other work; load average at the start ${loadStart.map((l) => l.toFixed(1)).join(' / ')})
Date: ${new Date().toISOString()}

${load.receivers} websocket clients in one room, ${load.rate} messages/s in all from two senders (the channel owner, one
socket per process in the two-process run, both on the one process otherwise), ${load.seconds} s of sending. Every
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
gets one frame per process per tick. KB RSS per connection is the processes' RSS 1 s after every socket joined minus
their RSS before any connected, over the sockets (receivers and senders), without a forced GC.

| setup | deliveries per server CPU-s | delivered | lost / duplicate | server CPU-s (per process) | Redis CPU-s | deliveries per (server + Redis) CPU-s | frames per socket per s | p50 ms | p99 ms | KB RSS per connection | refused sends | joins retried | load generator event-loop lag p99 ms |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${results.map(row).join('\n')}

Medians over the ${rounds} rounds (rounds interleave the setups):

| setup | deliveries per server CPU-s | range | frames per socket per s | p50 ms | p99 ms | lost / duplicate (all rounds) |
| --- | --- | --- | --- | --- | --- | --- |
${summary.map(sumRow).join('\n')}

Medians, two processes / one process with Redis, deliveries per server CPU-s: **${(two.perCpuSec / oneRedis.perCpuSec).toFixed(2)}×**
(p99 ${two.p99.toFixed(0)} ms against ${oneRedis.p99.toFixed(0)} ms); with every send through the first process:
**${(twoOneSide.perCpuSec / oneRedis.perCpuSec).toFixed(2)}×** (p99 ${twoOneSide.p99.toFixed(0)} ms). One process with Redis / without:
${(oneRedis.perCpuSec / bare.perCpuSec).toFixed(2)}×.
`;
  writeFileSync(path.join(here, 'RESULTS-two.md'), md);
  return { md, exact: results.every((r) => r.lost === 0 && r.duplicates === 0) };
}
