/**
 * One machine's worth of abuse against a started platform server (issue 9), for a bounded time:
 * an anonymous join flood, a random-slug flood, 3,000 sockets from one address and a login spray
 * with made-up X-Forwarded-For headers. Reports /api/health latency, server RSS growth and how
 * many attempts got through, phase by phase.
 *   npm run abuse -w bench -- [--seconds 10] [--before <checkout of an older commit>]
 * With --before, the same run goes first against that checkout's server (its node_modules
 * installed and its shared package built), then against this one; both land in docs/benchmarks.md.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, percentile, ROOT, writeSection } from '../lib/report.js';
import { probeHealth } from '../../server/src/test/abuse/health-probe.js';
import { inChild, type Attacks } from '../../server/src/test/abuse/in-child.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const SECONDS = Number(opt('seconds') ?? 10);
const BEFORE = opt('before');

interface Phase { name: string; p50: number; p99: number; max: number; failed: number; rssStartMb: number; rssPeakMb: number; gotThrough: string; detail: unknown }
interface Run { label: string; commit: string; rssIdleMb: number; rssEndMb: number; phases: Phase[] }

const mb = (bytes: number) => bytes / 2 ** 20;

function rssOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (m: { type: string; rss?: number }) => {
      if (m.type !== 'rss') return;
      child.off('message', on);
      resolve(m.rss!);
    };
    child.on('message', on);
    child.send({ type: 'rss' });
  });
}

async function phase<A extends keyof Attacks>(child: ChildProcess, url: string, name: string, attack: A, options: Attacks[A][0], gotThrough: (r: Attacks[A][1]) => string): Promise<Phase> {
  const rssStart = await rssOf(child);
  let peak = rssStart;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await rssOf(child));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const health = probeHealth(url);
  const result = await inChild(attack, options);
  const { latencies, failures } = await health.stop();
  sampling = false;
  await sampler;
  const sorted = latencies.sort((a, b) => a - b);
  return { name, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, failed: failures, rssStartMb: mb(rssStart), rssPeakMb: mb(peak), gotThrough: gotThrough(result), detail: result };
}

async function runAgainst(label: string, checkout: string): Promise<Run> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lait-abuse-'));
  const child = fork(path.join(here, 'server-child.ts'), [checkout, '0', dataDir], { execArgv: ['--import', 'tsx'], cwd: checkout, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const ready = await new Promise<{ slug: string; url: string }>((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (c) => reject(new Error(`server exited with ${c}`)));
    });
    const { url, slug } = ready;
    const ms = SECONDS * 1000;
    const rssIdle = await rssOf(child);
    const phases: Phase[] = [];
    phases.push(await phase(child, url, 'join flood: 1 anonymous socket, 500 joins in flight, sinceId 0, 3,000 × 500-char messages', 'join-flood',
      { url, channel: slug, inFlight: 500, sinceId: '0', durationMs: ms, reconnect: true },
      (r) => `${r.ok.toLocaleString('en')} joins answered (${(r.textBytes / 2 ** 20).toFixed(0)} MB of text) of ${r.sent.toLocaleString('en')} sent; ${r.sockets} sockets`));
    phases.push(await phase(child, url, 'random-slug flood: joins of random slugs, 200 in flight', 'slug-flood',
      { url, inFlight: 200, durationMs: ms },
      (r) => `${r.lookedUp.toLocaleString('en')} lookups of ${r.sent.toLocaleString('en')} sent`));
    phases.push(await phase(child, url, '3,000 anonymous sockets from one address, each joining', 'socket-hoard',
      { url, channel: slug, count: 3000, concurrency: 50 },
      (r) => `${r.connected.toLocaleString('en')} connected, ${r.joined.toLocaleString('en')} joined; viewers shown: ${r.viewersShown ?? '?'}`));
    phases.push(await phase(child, url, 'login spray: random emails, spoofed X-Forwarded-For, 20 at a time', 'login-spray',
      { url, concurrency: 20, durationMs: ms },
      (r) => `${r.gotThrough.toLocaleString('en')} password checks of ${r.sent.toLocaleString('en')} tries`));
    const rssEnd = await rssOf(child);
    const commit = execFileSync('git', ['-C', checkout, 'rev-parse', '--short', 'HEAD']).toString().trim();
    return { label, commit, rssIdleMb: mb(rssIdle), rssEndMb: mb(rssEnd), phases };
  } finally {
    child.send({ type: 'exit' });
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(run: Run): string {
  const rows = run.phases.map((p) => `| ${p.name} | ${p.p50.toFixed(0)} | ${p.p99.toFixed(0)} | ${p.max.toFixed(0)} | ${p.failed} | ${(p.rssPeakMb - p.rssStartMb).toFixed(0)} | ${p.gotThrough} |`);
  return `**${run.label}** (commit ${run.commit}): server RSS ${run.rssIdleMb.toFixed(0)} MB idle (after seeding) → ${run.rssEndMb.toFixed(0)} MB after all phases (+${(run.rssEndMb - run.rssIdleMb).toFixed(0)} MB)

| phase (${SECONDS} s each) | health p50 ms | health p99 ms | health max ms | health failures | RSS growth in phase, MB (peak) | got through |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}`;
}

const runs: Run[] = [];
if (BEFORE) runs.push(await runAgainst('before', path.resolve(BEFORE)));
runs.push(await runAgainst(BEFORE ? 'after' : 'this checkout', ROOT));
for (const r of runs) console.log(JSON.stringify(r, null, 1));
const md = `## Abuse (issue 9)

Command: \`npm run abuse -w bench -- --seconds ${SECONDS}${BEFORE ? ' --before <checkout>' : ''}\`
Machine: ${machine()}, nproc ${availableParallelism()}, RAM ${(totalmem() / 2 ** 30).toFixed(1)} GB (shared with other work)
Date: ${new Date().toISOString()}

The server (SQLite, no Redis, production settings) runs in its own process with 3,000 seeded 500-character messages in
one channel; each attack runs in another process, from 127.0.0.1; /api/health is requested one after another from the
runner throughout each phase (real HTTP latency). Phases run in order against the same server.

"Got through": joins answered with history, random slugs looked up in the database, sockets connected and counted as
viewers, logins that reached a password check (anything but 429). Spoofed X-Forwarded-For headers no longer reset
the login limits (\`TRUST_PROXY\` trusts nobody by default): the per-address limit stops the spray after its burst.
The machine is shared and was heavily loaded (see the load average): compare before with after, not with other sections.

${runs.map(table).join('\n\n')}
`;
writeSection('abuse', md);
console.log(md);
process.exit(0);
