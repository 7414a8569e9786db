/**
 * Glass-to-glass latency: `npx tsx bench/latency/run.ts [--seconds 75] [--joins 3]`.
 * Lait's tuned path (nginx config from nginx-rtmp/, the viewer-web channel page) against the peer:
 * nginx-rtmp's HLS defaults (5 s fragments, 30 s playlist) played by hls.js with its defaults.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startNginx } from '@lait/nginx-rtmp';
import { launchBrowser } from '@lait/testkit/browser';
import { startPlatform } from '@lait/testkit/platform';
import { freePort, waitFor } from '@lait/testkit/ports';
import { machine, percentile, writeSection } from '../lib/report.js';
import { startClockPublisher } from './clock-publisher.js';
import { startPeerPage } from './peer-page.js';
import { readProbe, resetProbe, startProbe, type ProbeResult } from './probe.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '75' }, joins: { type: 'string', default: '3' } } });
const SECONDS = Number(values.seconds);
const JOINS = Number(values.joins);

interface Summary { label: string; samples: number; p50: number; p95: number; max: number; stalls: number; stallMs: number; unreadable: number }

function summarise(label: string, runs: ProbeResult[]): Summary {
  const all = runs.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  return {
    label,
    samples: all.length,
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    max: all[all.length - 1] ?? Number.NaN,
    stalls: runs.reduce((s, r) => s + r.stalls, 0),
    stallMs: runs.reduce((s, r) => s + r.stallMs, 0),
    unreadable: runs.reduce((s, r) => s + r.unreadable, 0),
  };
}

async function measure(label: string, openUrl: string, selector: string, warmupMs: number): Promise<Summary> {
  const browser = await launchBrowser();
  const runs: ProbeResult[] = [];
  try {
    const page = await browser.context.newPage();
    for (let j = 0; j < JOINS; j++) {
      await page.goto(openUrl);
      await page.locator(selector).waitFor({ timeout: 60_000 });
      await startProbe(page, selector);
      await page.waitForTimeout(warmupMs);
      await resetProbe(page);
      await page.waitForTimeout((SECONDS / JOINS) * 1000);
      const r = await readProbe(page);
      console.log(`  ${label} join ${j + 1}: ${r.latenciesMs.length} frames, p50 ${percentile([...r.latenciesMs].sort((a, b) => a - b), 50)} ms, stalls ${r.stalls}`);
      runs.push(r);
    }
  } finally {
    await browser.close();
  }
  return summarise(label, runs);
}

async function main() {
  const platform = await startPlatform({ env: { LOG_LEVEL: 'warn' } });
  const peerPage = await startPeerPage();
  let peerNginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  try {
    const tuned = platform.lait<{ slug: string; streamKey: string; playbackId: string }>('channel', 'create', 'bench-tuned', '--json');
    const peer = platform.lait<{ slug: string; streamKey: string; playbackId: string }>('channel', 'create', 'bench-peer', '--json');

    console.log('Lait (tuned): publishing…');
    let pub = startClockPublisher(`${platform.urls.rtmp}/${tuned.streamKey}`);
    await waitFor('tuned playlist', async () => (await fetch(`${platform.urls.hls}/${tuned.playbackId}/index.m3u8`)).ok, 30_000);
    const lait = await measure('Lait', `${platform.urls.site}/c/${tuned.slug}`, '[data-testid="player-video"]', 8_000);
    await pub.stop();

    console.log('Peer (nginx-rtmp + hls.js defaults): publishing…');
    const [rtmpPort, hlsPort, controlPort] = [await freePort(), await freePort(), await freePort()];
    const workDir = path.join(platform.dataDir, 'peer-nginx');
    mkdirSync(workDir, { recursive: true });
    peerNginx = await startNginx({
      rtmpPort, hlsHttpPort: hlsPort, controlPort, notifyUrl: platform.urls.site,
      notifySecret: (await import('node:crypto')).randomBytes(18).toString('base64url'),
      workDir, hlsDir: path.join(platform.dataDir, 'peer-hls'),
      hls: { fragmentSec: 5, playlistSec: 30 },
      notify: false,
    });
    pub = startClockPublisher(`rtmp://127.0.0.1:${rtmpPort}/live/${peer.playbackId}`);
    const peerSrc = `http://127.0.0.1:${hlsPort}/hls/${peer.playbackId}/index.m3u8`;
    await waitFor('peer playlist', async () => (await fetch(peerSrc)).ok, 60_000);
    const base = await measure('Peer', `${peerPage.url}?src=${encodeURIComponent(peerSrc)}`, '#v', 20_000);
    await pub.stop();

    const rows = [lait, base].map((s) => `| ${s.label === 'Lait' ? 'Lait (1 s fragments, 4 s playlist, tuned hls.js)' : 'peer: nginx-rtmp + hls.js defaults'} | ${s.samples} | ${(s.p50 / 1000).toFixed(2)} s | ${(s.p95 / 1000).toFixed(2)} s | ${(s.max / 1000).toFixed(2)} s | ${s.stalls} (${(s.stallMs / 1000).toFixed(1)} s) |`);
    const md = `## Glass-to-glass latency (bench/latency)

Command: \`npx tsx bench/latency/run.ts --seconds ${SECONDS} --joins ${JOINS}\`  
Machine: ${machine()}  
Date: ${new Date().toISOString().slice(0, 10)}

720p30 timestamped frames → ffmpeg x264 veryfast zerolatency, 1 s GOP, 2.5 Mb/s → nginx-rtmp → HLS → hls.js in headless Chromium.
Latency = display time of a frame (requestVideoFrameCallback) − the time written into its picture, over ${JOINS} joins × ${Math.round(SECONDS / JOINS)} s.

| setup | frames | p50 | p95 | max | stalls |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

Ratio: the peer's p50 is ${(base.p50 / lait.p50).toFixed(1)}× Lait's. Target: p50 ≤ 2.0 s, p95 ≤ 3.0 s, no stall.`;
    console.log(md);
    console.log(`written to ${writeSection('latency', md)}`);
  } finally {
    await peerNginx?.stop().catch(() => {});
    await peerPage.close();
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
