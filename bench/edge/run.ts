/**
 * HLS edges: simulated viewers follow a live playlist and fetch each new segment, the way a player
 * does, through the two edges of `npm run cluster`'s topology, then (same run, same stream) straight
 * from the ingest node's HLS server.
 *   npx tsx bench/edge/run.ts [--viewers 500] [--seconds 30]
 * Writes its section of docs/benchmarks.md. Needs MySQL and Redis at 127.0.0.1.
 */
import { signUp, rotateKey, channel, nodeOf, startTestCluster } from '../../e2e/helpers/cluster.js';
import { waitFor } from '@lait/testkit/ports';
import { publish } from '@lait/testkit/publisher';
import { machine, percentile, writeSection } from '../lib/report.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const VIEWERS = arg('viewers', 500);
const SECONDS = arg('seconds', 30);

interface Tally { playlists: number; segments: number; segmentHits: number; originRequests: number; ttfb: number[]; errors: number }

/** One viewer: playlist every second, every segment it has not fetched yet (body read in full). */
async function viewer(playlistUrl: string, until: number, t: Tally): Promise<void> {
  const seen = new Set<string>();
  while (Date.now() < until) {
    const started = Date.now();
    try {
      const res = await fetch(playlistUrl);
      const status = res.headers.get('x-cache-status');
      t.playlists++;
      if (status === null || status === 'MISS' || status === 'EXPIRED') t.originRequests++;
      const text = await res.text();
      for (const line of text.split('\n').filter((l) => l.endsWith('.ts'))) {
        if (seen.has(line)) continue;
        seen.add(line);
        const t0 = performance.now();
        const seg = await fetch(new URL(line, playlistUrl));
        t.ttfb.push(performance.now() - t0);
        await seg.arrayBuffer();
        const s = seg.headers.get('x-cache-status');
        t.segments++;
        if (s === 'HIT') t.segmentHits++;
        if (s === null || s === 'MISS' || s === 'EXPIRED') t.originRequests++;
      }
    } catch {
      t.errors++;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
  }
}

async function phase(urls: string[]): Promise<Tally & { seconds: number }> {
  const t: Tally = { playlists: 0, segments: 0, segmentHits: 0, originRequests: 0, ttfb: [], errors: 0 };
  const until = Date.now() + SECONDS * 1000;
  const started = Date.now();
  // Viewers join over 2 s, as an audience does.
  await Promise.all(Array.from({ length: VIEWERS }, async (_, i) => {
    await new Promise((r) => setTimeout(r, (i * 2000) / VIEWERS));
    await viewer(urls[i % urls.length]!, until, t);
  }));
  t.ttfb.sort((a, b) => a - b);
  return { ...t, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  const c = await startTestCluster();
  const pub = { p: null as ReturnType<typeof publish> | null };
  try {
    const s = await signUp(c.urls.site, 'edge');
    pub.p = publish(c.urls.rtmp, await rotateKey(c.urls.site, s), { width: 1280, height: 720, fps: 30, durationSec: SECONDS * 3 + 60 });
    const ch = await waitFor('the stream live', async () => {
      const x = await channel(c.urls.site, s.slug);
      return x.live ? x : null;
    }, 20_000);
    await waitFor('the playlist', async () => (await fetch(ch.hlsUrl)).ok, 20_000);
    const node = c.nodes.find((n) => n.name === nodeOf(ch.hlsUrl))!;
    const path = new URL(ch.hlsUrl).pathname.replace(/^\/hls\/ingest-\d+\//, '/hls/');
    const viaEdges = await phase(c.urls.edges.map((e) => `${e}/hls/${node.name}${path.slice('/hls'.length)}`));
    const direct = await phase([`http://${node.hlsHost}:${c.ports.ingestHls}${path}`]);
    const row = (name: string, r: Awaited<ReturnType<typeof phase>>, originReqs: number) =>
      `| ${name} | ${(originReqs / r.seconds).toFixed(1)} | ${r.segments ? ((100 * r.segmentHits) / r.segments).toFixed(1) : '—'} % | ${percentile(r.ttfb, 50).toFixed(1)} | ${percentile(r.ttfb, 99).toFixed(1)} | ${r.segments} | ${r.errors} |`;
    const md = `## HLS edges (bench/edge)
\`npx tsx bench/edge/run.ts --viewers ${VIEWERS} --seconds ${SECONDS}\`, ${new Date().toISOString().slice(0, 10)}, ${machine()}.
One 720p30 stream (1 s fragments) on one ingest node; ${VIEWERS} simulated viewers (playlist every second, every new segment read in full) in one Node process on the same machine, for ${SECONDS} s each way.

| viewers hit | origin req/s | edge segment hits | segment TTFB p50 (ms) | p99 (ms) | segments | errors |
| --- | --- | --- | --- | --- | --- | --- |
${row('two edges (npm run cluster)', viaEdges, viaEdges.originRequests)}
${row('the ingest node directly', direct, direct.playlists + direct.segments)}

Origin requests through the edges are the responses the edges marked MISS or EXPIRED (one per object per edge, thanks to \`proxy_cache_lock\`); directly, every request reaches the origin. TTFB here is mostly the load generator's own queueing (500 viewers in one Node process on a shared 2-core machine, whose load average is above): compare the two rows, not the absolute figures.`;
    writeSection('edge', md);
    console.log(md);
  } finally {
    await pub.p?.stop();
    await c.teardown();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
