/**
 * Shows why audio cost Lait a second of latency, in one command:
 *   npx tsx bench/latency/diagnose.ts [--profile obs|zerolatency] [--fragments 8] [--keyint 1]
 * Publishes the OBS-like stream (profiles.ts) to Lait's nginx-rtmp configuration twice: with
 * nginx-rtmp's default `hls_max_audio_delay` (300 ms) and with Lait's 20 ms, and prints for every
 * finished fragment where its video ends and where its audio ends (ffprobe packet times).
 * A fragment whose audio ends before its video makes hls.js wait at that fragment's end.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startNginx } from '@lait/nginx-rtmp';
import { freePort, waitFor } from '@lait/testkit/ports';
import { startClockPublisher } from './clock-publisher.js';
import { fragmentSpan, type FragmentSpan } from './fragment-ends.js';
import { describeProfile, isProfile, type EncodeOptions } from './profiles.js';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'obs' },
    fragments: { type: 'string', default: '8' },
    keyint: { type: 'string', default: '1' },
  },
});
if (!isProfile(values.profile)) throw new Error(`--profile must be zerolatency or obs, got ${values.profile}`);
const ENC: EncodeOptions = { profile: values.profile, fps: 30, keyintSec: Number(values.keyint) };
const FRAGMENTS = Number(values.fragments);
const NAME = 'diagnose';

interface Row { name: string; span: FragmentSpan }

/** Publishes until FRAGMENTS fragments are finished (a later one is in the playlist) and probes each once. */
async function collect(maxAudioDelayMs: number): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lait-diagnose-'));
  // nginx's workers may run as nobody: they need to traverse into hlsDir.
  chmodSync(dir, 0o711);
  const nginx = await startNginx({
    rtmpPort: await freePort(), hlsHttpPort: await freePort(), controlPort: await freePort(),
    rtmpBindHost: '127.0.0.1', hlsBindHost: '127.0.0.1',
    notifyUrl: 'http://127.0.0.1:9', notifySecret: 'diagnose-only-not-a-secret', notify: false,
    workDir: path.join(dir, 'nginx'), hlsDir: path.join(dir, 'hls'),
    // A long playlist so that no fragment is cleaned up before it is probed.
    hls: { fragmentSec: 1, playlistSec: 60, maxAudioDelayMs },
  });
  const pub = startClockPublisher(`${nginx.urls.rtmp}/${NAME}`, ENC);
  const rows: Row[] = [];
  try {
    const playlist = path.join(nginx.hlsDir, NAME, 'index.m3u8');
    await waitFor(`${FRAGMENTS} finished fragments`, async () => {
      if (!existsSync(playlist)) return false;
      const names = (await readFile(playlist, 'utf8')).split('\n').filter((l) => l.endsWith('.ts'));
      // The last fragment in the playlist is finished too, but the next one may still lack audio.
      for (const name of names.slice(rows.length, -1)) {
        rows.push({ name, span: await fragmentSpan(path.join(nginx.hlsDir, NAME, name)) });
      }
      return rows.length >= FRAGMENTS;
    }, 30_000 + FRAGMENTS * ENC.keyintSec * 3_000, 200);
  } finally {
    await pub.stop();
    await nginx.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows.slice(0, FRAGMENTS);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function report(maxAudioDelayMs: number, rows: Row[]): string {
  const lines = rows.map(({ span }, i) => {
    const next = rows[i + 1]?.span;
    const carried = next ? `${Math.round((next.audioStart - next.videoStart) * 1000)} ms` : '';
    return `| ${i + 1} | ${span.videoStart.toFixed(3)}–${span.videoEnd.toFixed(3)} s | ${span.audioStart.toFixed(3)}–${span.audioEnd.toFixed(3)} s | ${span.endGapMs} ms | ${carried} | ${span.bFrames}/${span.videoFrames} |`;
  });
  // The first fragment starts the stream (encoder and muxer start-up): summarise the rest.
  const gaps = rows.slice(1).map((r) => r.span.endGapMs);
  const short = gaps.filter((g) => g < -30).length;
  return `### hls_max_audio_delay ${maxAudioDelayMs}ms

| # | video | audio | audio end − video end | next fragment: audio start − video start | B-frames |
| --- | --- | --- | --- | --- | --- |
${lines.join('\n')}

Fragments 2–${rows.length}: audio ends ${-median(gaps)} ms before video (median), at worst ${-Math.min(...gaps)} ms; ${short} of ${gaps.length} end more than 30 ms short.`;
}

async function main() {
  console.log(`Publisher: ${describeProfile(ENC)}\n`);
  const out: string[] = [];
  for (const delay of [300, 20]) {
    console.log(`publishing with hls_max_audio_delay ${delay}ms…`);
    out.push(report(delay, await collect(delay)));
  }
  console.log(`\n${out.join('\n\n')}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
