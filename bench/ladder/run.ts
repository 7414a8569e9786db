/**
 * Bitrate ladder benchmark: the ingest node's ladder supervisor (nginx-rtmp/src/ladder: one
 * ffmpeg per stream with the alignment flags, the aligner, master.m3u8) against ONE plain ffmpeg
 * command making the same rungs from the same RTMP stream, in one run.
 *
 *   npx tsx bench/ladder/run.ts [--seconds 20] [--warmup 6] [--cases 720p,1080p] [--no-write]
 *
 * Cases: 720p30 → 480p + 360p, 1080p30 → 720p + 480p + 360p (x264 veryfast zerolatency, audio
 * copied). The source is a pre-encoded file published with -c copy, so its CPU is not counted.
 * Writes its section of docs/benchmarks.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { getFreePort, planRungs, probeFragment, startNginx, type NginxHandle } from '@lait/nginx-rtmp';
import type { LadderRungName } from '@lait/shared';
import { machine, writeSection } from '../lib/report.js';

const FFMPEG = '/usr/bin/ffmpeg';
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '6' },
    cases: { type: 'string', default: '720p,1080p' },
    'no-write': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);

interface Case {
  name: string;
  width: number;
  height: number;
  rungs: LadderRungName[];
}
const ALL_CASES: Case[] = [
  { name: '720p', width: 1280, height: 720, rungs: ['480p', '360p'] },
  { name: '1080p', width: 1920, height: 1080, rungs: ['720p', '480p', '360p'] },
];
const CASES = ALL_CASES.filter((c) => (values.cases ?? '').split(',').includes(c.name));

interface Result {
  label: string;
  coreSecPerSec: number;
  /** Seconds of video made per second of wall clock in the window (≈1 when it keeps up with the live stream). */
  liveSpeed: number;
  alignment: string;
}

function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Ladder ffmpeg children of this process (they read rtmp://127.0.0.1:<port>/hls/…). */
function transcoderPid(): number | null {
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const cmdline = (() => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    })();
    if (cmdline.startsWith(FFMPEG) && cmdline.includes('-force_key_frames') && cmdline.includes('/hls/bench')) return Number(entry);
  }
  return null;
}

/** A 30 s source with 1 s keyframes and 48 kHz AAC, encoded once (its CPU is not part of the measure). */
function makeSource(dir: string, c: Case): string {
  const file = path.join(dir, `${c.name}.flv`);
  execFileSync(FFMPEG, [
    '-hide_banner', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=${c.width}x${c.height}:rate=30:duration=30`,
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=30',
    '-c:v', 'libx264', '-preset', 'veryfast', '-b:v', c.height >= 1080 ? '4500k' : '2500k', '-pix_fmt', 'yuv420p',
    '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-c:a', 'aac', '-ar', '48000', '-b:a', '128k', file,
  ]);
  return file;
}

function publish(source: string, url: string): ChildProcess {
  return spawn(FFMPEG, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-re', '-stream_loop', '-1', '-i', source, '-c', 'copy', '-f', 'flv', url], { stdio: 'ignore' });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await once(child, 'exit');
}

async function waitUntil<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Fragments listed by both the source and each rung: how many start at the same PTS (within one frame at 30 fps). */
async function alignment(hlsDir: string, name: string, rungs: readonly string[]): Promise<string> {
  const dir = path.join(hlsDir, name);
  let compared = 0;
  let aligned = 0;
  let worstMs = 0;
  for (const rung of rungs) {
    const listed = readFileSync(path.join(dir, rung, 'index.m3u8'), 'utf8').split('\n').filter((l) => l.endsWith('.ts'));
    for (const uri of listed) {
      const [source, copy] = await Promise.all([probeFragment(path.join(dir, uri)), probeFragment(path.join(dir, rung, uri))]);
      if (source?.startPts == null || copy?.startPts == null) continue;
      compared += 1;
      const ms = Math.abs(source.startPts - copy.startPts) / 90;
      worstMs = Math.max(worstMs, ms);
      if (ms <= 1000 / 30) aligned += 1;
    }
  }
  return `${aligned}/${compared} fragments start at the source's PTS (worst ${worstMs.toFixed(1)} ms)`;
}

/** Start PTS of the newest fragment of a rung; null when the rung has none (it fell behind the source's window). */
async function lastRungPts(rungDir: string): Promise<number | null> {
  const text = (() => {
    try {
      return readFileSync(path.join(rungDir, 'index.m3u8'), 'utf8');
    } catch {
      return '';
    }
  })();
  const uri = text.split('\n').filter((l) => l.endsWith('.ts')).at(-1);
  const info = uri ? await probeFragment(path.join(rungDir, uri)) : null;
  return info?.startPts ?? null;
}

async function runSupervisor(nginx: NginxHandle, source: string, c: Case): Promise<Result> {
  const publisher = publish(source, `${nginx.urls.rtmp}/bench${c.name}`);
  try {
    const name = `bench${c.name}`;
    const pid = await waitUntil('the ladder transcoder', transcoderPid);
    await sleep(warmup * 1000);
    const rung = path.join(nginx.hlsDir, name, c.rungs.at(-1)!);
    const pts0 = await lastRungPts(rung);
    const cpu0 = cpuTicks(pid);
    const node0 = process.cpuUsage();
    await sleep(seconds * 1000);
    const ticks = cpuTicks(pid) - cpu0;
    const node = process.cpuUsage(node0);
    // Seconds of video the ladder turned out meanwhile (its newest fragment's PTS moved by that much; ±1 fragment).
    const pts1 = await lastRungPts(rung);
    if (pts0 === null || pts1 === null) {
      return { label: `supervisor ${c.name} → ${c.rungs.join(' + ')}`, coreSecPerSec: NaN, liveSpeed: NaN, alignment: 'no rung fragments: the ladder fell behind the source (machine too busy)' };
    }
    const videoSeconds = (pts1 - pts0) / 90_000;
    return {
      label: `supervisor ${c.name} → ${c.rungs.join(' + ')}`,
      // ffmpeg plus this Node process (the supervisor's polling, probing and playlist writing).
      coreSecPerSec: (ticks / 100 + (node.user + node.system) / 1e6) / videoSeconds,
      liveSpeed: videoSeconds / seconds,
      alignment: await alignment(nginx.hlsDir, name, c.rungs),
    };
  } finally {
    await stopChild(publisher);
  }
}

/** The same rungs from the same RTMP stream, written as plain HLS by one ffmpeg: no alignment flags, no supervisor. */
async function runPlain(nginx: NginxHandle, source: string, c: Case, dir: string): Promise<Result> {
  const name = `plain${c.name}`;
  const publisher = publish(source, `${nginx.urls.rtmp}/${name}`);
  const rungs = planRungs(c.rungs, { width: c.width, height: c.height, fps: 30 });
  try {
    await waitUntil('the source playlist', () => readdirSync(path.join(nginx.hlsDir)).includes(name));
    const out = path.join(dir, name);
    const filter = [`[0:v]split=${rungs.length}${rungs.map((_, i) => `[s${i}]`).join('')}`, ...rungs.map((r, i) => `[s${i}]scale=-2:${r.height}[v${i}]`)].join(';');
    const args = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-progress', 'pipe:1', '-stats_period', '1', '-i', `${nginx.urls.rtmp.replace(/\/live$/, '/hls')}/${name}`, '-filter_complex', filter];
    for (const [i, r] of rungs.entries()) {
      mkdirSync(path.join(out, r.name), { recursive: true });
      args.push('-map', `[v${i}]`, '-map', '0:a:0', '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-b:v', `${r.videoKbps}k`, '-maxrate', `${Math.round(r.videoKbps * 1.07)}k`, '-bufsize', `${r.videoKbps}k`, '-g', '30', '-sc_threshold', '0', '-c:a', 'copy', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '4', '-hls_flags', 'delete_segments', path.join(out, r.name, 'index.m3u8'));
    }
    const plain = spawn(FFMPEG, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    let outTimeUs = 0;
    plain.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const match of chunk.matchAll(/out_time_us=(\d+)/g)) outTimeUs = Number(match[1]);
    });
    try {
      await sleep(warmup * 1000);
      const cpu0 = cpuTicks(plain.pid!);
      const out0 = outTimeUs;
      await sleep(seconds * 1000);
      const videoSeconds = (outTimeUs - out0) / 1e6;
      return {
        label: `one plain ffmpeg ${c.name} → ${c.rungs.join(' + ')}`,
        coreSecPerSec: (cpuTicks(plain.pid!) - cpu0) / 100 / videoSeconds,
        liveSpeed: videoSeconds / seconds,
        alignment: 'not aligned (own GOP of 30 frames, own segment names)',
      };
    } finally {
      await stopChild(plain);
    }
  } finally {
    await stopChild(publisher);
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const dir = mkdtempSync(path.join(tmpdir(), 'lait-bench-ladder-'));
  // nginx's workers (nobody when run as root) must reach hlsDir below it.
  chmodSync(dir, 0o711);
  const results: Result[] = [];
  try {
    for (const c of CASES) {
      const source = makeSource(dir, c);
      const nginx = await startNginx({
        rtmpPort: await getFreePort(), hlsHttpPort: await getFreePort(), controlPort: await getFreePort(),
        notifyUrl: 'http://127.0.0.1:9', notifySecret: 'bench-ladder-secret-0123', notify: false,
        workDir: path.join(dir, `nginx-${c.name}`), hlsDir: path.join(dir, `nginx-${c.name}`, 'hls'),
        ladder: { capacity: 1, rungs: c.rungs },
      });
      try {
        results.push(await runSupervisor(nginx, source, c));
        results.push(await runPlain(nginx, source, c, dir));
      } finally {
        await nginx.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const rows = results.map((r) => `| ${r.label} | ${r.coreSecPerSec.toFixed(3)} | ${r.liveSpeed.toFixed(2)} | ${r.alignment} |`);
  const ratios = CASES.map((c) => {
    const sup = results.find((r) => r.label.startsWith(`supervisor ${c.name}`));
    const plain = results.find((r) => r.label.startsWith(`one plain ffmpeg ${c.name}`));
    return `- ${c.name}: supervisor / plain = ${sup && plain ? (sup.coreSecPerSec / plain.coreSecPerSec).toFixed(2) : '?'}×`;
  });
  const md = [
    '## Bitrate ladder on the ingest node (bench/ladder)',
    '',
    `\`npx tsx bench/ladder/run.ts --seconds ${seconds} --warmup ${warmup}\`, ${started.toISOString()}, ${machine()}.`,
    'CPU is core-seconds per second of video made in the measured window (after the warm-up): ffmpeg\'s own CPU from /proc, plus, for the supervisor, this Node process (its polling, fragment probing and playlist writing). Video made: for the supervisor the PTS advance of the lowest rung\'s newest fragment (±1 fragment), for plain ffmpeg its `-progress` out_time. Speed = video made per second of wall clock (≈1.00 keeps up with the live stream; below 1 the machine was too busy). The source is a pre-encoded 1 s-GOP x264 + 48 kHz AAC file published with `-c copy` (not counted). Both sides use x264 veryfast zerolatency with the same bitrates. On a shared machine compare the ratio within one run, not absolute numbers across runs.',
    '',
    '| run | CPU core-s per s of video | speed | keyframe alignment |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...ratios,
  ].join('\n');
  console.log(md);
  if (!values['no-write']) console.log(`written to ${writeSection('ladder', md)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
