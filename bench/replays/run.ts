/**
 * `npx tsx bench/replays/run.ts [--seconds 32] [--clips 3] [--rounds 2]`: what replays cost, in one run on one platform.
 * (a) the CPU recording adds: the same publish on a channel with recording off, then on (alternating, `rounds` times), core-seconds of
 *     ingest + server (every process the platform started, the publisher excluded) per second of video;
 * (b) the time from the publisher's exit to a playable VOD (listed, and its variant playlist answers 200 with ENDLIST);
 * (c) the time to make a 30 s clip through the API vs a plain `ffmpeg -c copy` remux of the same fragments to MP4.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { VideoList } from '@lait/shared';
import { goLive } from '@lait/testkit/accounts';
import { FFMPEG } from '@lait/testkit/paths';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { machine, percentile, writeSection } from '../lib/report.js';
import { cpuMeter, descendants } from '../broadcast/proc-cpu.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '32' }, clips: { type: 'string', default: '3' }, rounds: { type: 'string', default: '2' } } });
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const CLIPS = Number(values.clips);
if (SECONDS < 31) throw new Error('--seconds must be at least 31 (the broadcast is clipped for 30 s)');

const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

/** The processes the CPU meter counts (all but the publisher), by name, to show what (a) covers. */
let measured = '';

interface Run {
  recording: boolean;
  coreSecPerSec: number;
  /** The same, of the server (node) and the ingest (nginx and anything it runs) apart. */
  serverPerSec: number;
  ingestPerSec: number;
  videoSec: number;
  slug: string;
  token: string;
  endedAt: number;
}

async function broadcast(p: Platform, n: number, recording: boolean): Promise<Run> {
  const user = { email: `replays${n}@lait.test`, password: 'correct-horse-7', nickname: `replays${n}` };
  const live = await goLive(p, user, { durationSec: SECONDS, patch: { recordVods: recording } });
  const pubPid = live.publisher.proc.pid;
  // Ingest (nginx, its workers, any ffmpeg it runs) and the server: every descendant but the publisher.
  // tsx's own esbuild service is the bench's, not the platform's.
  const counted = (proc: { pid: number; comm: string }) => proc.pid !== pubPid && proc.comm !== 'esbuild';
  const meter = cpuMeter(counted);
  const server = cpuMeter((proc) => counted(proc) && proc.comm === 'node');
  const ingest = cpuMeter((proc) => counted(proc) && proc.comm !== 'node');
  measured = [...new Set(descendants(process.pid).filter(counted).map((proc) => proc.comm))].sort().join(', ');
  const t0 = Date.now();
  const code = await live.publisher.exited;
  const endedAt = Date.now();
  const used = meter.coreSeconds();
  const [usedServer, usedIngest] = [server.coreSeconds(), ingest.coreSeconds()];
  if (code !== 0) throw new Error(`publisher exited with ${code}: ${live.publisher.stderr()}`);
  const videoSec = (endedAt - t0) / 1000;
  return { recording, coreSecPerSec: used / videoSec, serverPerSec: usedServer / videoSec, ingestPerSec: usedIngest / videoSec, videoSec, slug: live.slug, token: live.accessToken, endedAt };
}

/** Polls every 50 ms until the VOD is listed and its first variant playlist answers 200 with ENDLIST; ms after `endedAt`. */
async function timeToPlayable(p: Platform, run: Run): Promise<{ ms: number; videoId: string }> {
  const video = await waitFor('the VOD to be playable', async () => {
    const v = (await p.api<VideoList>(`/api/channels/${run.slug}/videos`)).body.videos[0];
    if (!v) return null;
    const master = await p.api<string>(v.hlsUrl);
    const variant = master.status === 200 ? /^\d+\/index\.m3u8$/m.exec(master.text)?.[0] : undefined;
    if (!variant) return null;
    const res = await p.api<string>(v.hlsUrl.replace(/index\.m3u8$/, variant));
    return res.status === 200 && res.text.includes('#EXT-X-ENDLIST') ? v : null;
  }, 60_000, 50);
  return { ms: Date.now() - run.endedAt, videoId: video.id };
}

/** The fragments of the source rendition that cover [0, 30 s), as the clip service picks them. */
function fragmentsFor30s(p: Platform, videoId: string): { files: string[]; durationSec: number } {
  const dir = path.join(p.dataDir, 'vods', videoId, '0');
  const lines = readFileSync(path.join(dir, 'index.m3u8'), 'utf8').split('\n');
  const files: string[] = [];
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    const m = /^#EXTINF:([\d.]+)/.exec(lines[i]!);
    if (!m) continue;
    const d = Number(m[1]);
    if (at < 30) files.push(path.join(dir, lines[i + 1]!.trim()));
    at += d;
    if (at >= 30) break;
  }
  return { files, durationSec: Math.min(at, 30) };
}

async function main() {
  const p = await startPlatform();
  const out = mkdtempSync(path.join(tmpdir(), 'lait-bench-replays-'));
  try {
    const offs: Run[] = [];
    const ons: Run[] = [];
    const playables: Array<{ ms: number; videoId: string }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      // Alternate which goes first, so a drift of the machine's load does not favour one side.
      for (const recording of r % 2 === 0 ? [false, true] : [true, false]) {
        const run = await broadcast(p, 2 * r + (recording ? 2 : 1), recording);
        console.log(`round ${r + 1}, recording ${recording ? 'on: ' : 'off:'} ${run.coreSecPerSec.toFixed(3)} core-s/s (server ${run.serverPerSec.toFixed(3)}, ingest ${run.ingestPerSec.toFixed(3)}) over ${run.videoSec.toFixed(1)} s`);
        if (recording) {
          ons.push(run);
          playables.push(await timeToPlayable(p, run));
          console.log(`VOD playable ${playables.at(-1)!.ms} ms after the publisher exited`);
        } else {
          offs.push(run);
          // Let the end of the broadcast settle (no VOD to wait for): the channel is off air.
          await waitFor('the channel to be off air', async () => !(await p.api<{ live: boolean }>(`/api/channels/${run.slug}`)).body.live, 30_000, 50);
        }
      }
    }
    for (const off of offs) {
      const offVideos = (await p.api<VideoList>(`/api/channels/${off.slug}/videos`)).body.videos.length;
      if (offVideos !== 0) throw new Error('a recording-off channel got a VOD: the comparison is void');
    }
    const on = ons[0]!;
    const playable = playables[0]!;
    const avg = (runs: Run[], of: (r: Run) => number = (r) => r.coreSecPerSec) => runs.reduce((a, x) => a + of(x), 0) / runs.length;
    const list = (runs: Run[]) => runs.map((x) => x.coreSecPerSec.toFixed(3)).join(', ');

    const { files, durationSec } = fragmentsFor30s(p, playable.videoId);
    const clipMs: number[] = [];
    const remuxMs: number[] = [];
    for (let i = 0; i < CLIPS; i++) {
      let t = performance.now();
      const res = await fetch(`${p.urls.site}/api/videos/${playable.videoId}/clips`, {
        method: 'POST',
        headers: { authorization: `Bearer ${on.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ start: 0, end: 30 }),
      });
      if (res.status !== 201) throw new Error(`clip answered ${res.status}: ${await res.text()}`);
      clipMs.push(performance.now() - t);
      const clip = (await res.json()) as { durationSec: number };
      if (Math.abs(clip.durationSec - durationSec) > 1.5) throw new Error(`clip of ${clip.durationSec} s, expected ~${durationSec}`);
      t = performance.now();
      execFileSync(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', '-i', `concat:${files.join('|')}`, '-c', 'copy', '-bsf:a', 'aac_adtstoasc', path.join(out, `plain-${i}.mp4`)]);
      remuxMs.push(performance.now() - t);
      console.log(`clip ${i + 1}: API ${clipMs.at(-1)!.toFixed(0)} ms, plain remux ${remuxMs.at(-1)!.toFixed(0)} ms`);
    }

    const offAvg = avg(offs);
    const onAvg = avg(ons);
    const added = onAvg - offAvg;
    const md = `## Replays: recording CPU, time to VOD, clip time (bench/replays)

Command: \`npx tsx bench/replays/run.ts --seconds ${SECONDS} --clips ${CLIPS} --rounds ${ROUNDS}\`  
Machine: ${machine()} — 2 cores shared with other work, so read differences against that noise.  
Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

Publisher: the testkit's 426×240 15 fps test pattern with a tone (no ladder rungs at this size), ${SECONDS} s per broadcast, one platform (server + nginx-rtmp, SQLite, local disk).

| measurement | result |
| --- | --- |
| ingest + server CPU, recording off (mean of ${ROUNDS}) | ${offAvg.toFixed(3)} core-s per s of video (runs: ${list(offs)}) |
| ingest + server CPU, recording on (mean of ${ROUNDS}) | ${onAvg.toFixed(3)} core-s per s of video (runs: ${list(ons)}) |
| added by recording | ${added >= 0 ? '+' : ''}${added.toFixed(3)} core-s/s |
| of which the server (node) | off ${avg(offs, (r) => r.serverPerSec).toFixed(3)} → on ${avg(ons, (r) => r.serverPerSec).toFixed(3)} core-s/s |
| of which the ingest (nginx) | off ${avg(offs, (r) => r.ingestPerSec).toFixed(3)} → on ${avg(ons, (r) => r.ingestPerSec).toFixed(3)} core-s/s |
| publisher exit → VOD listed and playlist 200 with ENDLIST | ${playables.map((x) => `${x.ms} ms`).join(', ')} |
| 30 s clip through the API (POST /api/videos/:id/clips), median of ${CLIPS} | ${median(clipMs).toFixed(0)} ms (${clipMs.map((x) => x.toFixed(0)).join(', ')}) |
| plain \`ffmpeg -c copy\` of the same ${files.length} fragments to MP4, median of ${CLIPS} | ${median(remuxMs).toFixed(0)} ms (${remuxMs.map((x) => x.toFixed(0)).join(', ')}) |

CPU is read from /proc for every process the platform started except the publisher (${measured}),
from the moment the channel is live to the publisher's exit (the recorder's final playlist write after
the end is outside the window). Off and on alternate, each round on fresh channels; the rounds' spread
shows the noise of the shared cores, against which to read the difference.
The time to a playable VOD includes the server noticing the end (nginx's publish-done callback, LIVE_GRACE_SEC=0)
and the 50 ms polling step. The clip's API time includes the HTTP round trip, the playlist read and the database row.
`;
    console.log(`\n${md}`);
    console.log(`written to ${writeSection('replays', md)}`);
  } finally {
    await p.stop();
    rmSync(out, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
