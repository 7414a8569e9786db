/**
 * Glass-to-glass latency of a stream sent like OBS (video and AAC audio):
 *   npx tsx bench/latency/run.ts [--profile zerolatency|obs|both] [--rungs source,480p,360p] [--seconds 60] [--joins 3] [--keyint 1] [--video-only]
 * For each publisher profile (profiles.ts), Lait's path (nginx config from nginx-rtmp/, the
 * viewer-web channel page with the ladder on) for the source and each rung in `--rungs` (the player's
 * quality choice picks it), and then the peer with the same publisher: nginx-rtmp's HLS defaults
 * (5 s fragments, 30 s playlist, hls_max_audio_delay 300 ms) played by hls.js with its defaults.
 * `--seconds` is per measured path. Writes its section of docs/benchmarks.md.
 */
import { randomBytes } from 'node:crypto';
import { LADDER_RUNG_NAMES, type LadderRungName } from '@lait/shared';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startNginx } from '@lait/nginx-rtmp';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { freePort, waitFor } from '@lait/testkit/ports';
import { percentile, writeSection } from '../lib/report.js';
import { startClockPublisher } from './clock-publisher.js';
import { playlistTracks } from './fragment-ends.js';
import { measure, type MeasureTarget, type Summary } from './measure.js';
import { startPeerPage } from './peer-page.js';
import { PROFILES, isProfile, type EncodeOptions, type PublisherProfile } from './profiles.js';
import { renderReport, type ProfileResult } from './report-md.js';

const { values } = parseArgs({
  options: {
    profile: { type: 'string', default: 'both' },
    seconds: { type: 'string', default: '60' },
    joins: { type: 'string', default: '3' },
    keyint: { type: 'string', default: '1' },
    rungs: { type: 'string', default: 'source,480p,360p' },
    'video-only': { type: 'boolean', default: false },
    // Lait's playlists without blocking reload (hls.js polls them): the comparison for docs/architecture.md.
    'no-blocking-reload': { type: 'boolean', default: false },
    // Lait's nginx with another hls_max_audio_delay: 300 is nginx-rtmp's default, i.e. before the fix.
    'lait-audio-delay': { type: 'string', default: '20' },
    // lavfi: audio from ffmpeg's own -re clock, to show the artefact a bench must avoid.
    'audio-source': { type: 'string', default: 'pipe' },
  },
});
const SECONDS = Number(values.seconds);
const JOINS = Number(values.joins);
const LAIT_AUDIO_DELAY = Number(values['lait-audio-delay']);
const AUDIO_SOURCE = values['audio-source'] === 'lavfi' ? 'lavfi' : 'pipe';
const BLOCKING_RELOAD = !values['no-blocking-reload'];
if (!(SECONDS >= 3 && JOINS >= 1)) throw new Error('--seconds must be ≥ 3 and --joins ≥ 1');
const profiles: PublisherProfile[] = values.profile === 'both' ? [...PROFILES] : isProfile(values.profile) ? [values.profile] : [];
if (profiles.length === 0) throw new Error(`--profile must be zerolatency, obs or both, got ${values.profile}`);
const RUNGS = (values.rungs ?? 'source').split(',').map((r) => r.trim()).filter(Boolean);
const LADDER_RUNGS = RUNGS.filter((r): r is LadderRungName => r !== 'source' && (LADDER_RUNG_NAMES as readonly string[]).includes(r));
if (RUNGS[0] !== 'source' || LADDER_RUNGS.length !== RUNGS.length - 1) throw new Error(`--rungs must start with source, then rungs of ${LADDER_RUNG_NAMES.join(', ')}; got ${values.rungs}`);

interface Channel { slug: string; streamKey: string; playbackId: string }

/** The channel page; a rung is picked as a viewer picks it in the quality menu (kept in localStorage). */
function laitTarget(platform: Platform, channel: Channel, rung: string): MeasureTarget {
  return {
    label: rung === 'source' ? 'Lait' : `Lait ${rung}`,
    url: `${platform.urls.site}/c/${channel.slug}`,
    selector: '[data-testid="player-video"]',
    warmupMs: 8_000,
    storage: { 'lait.player.quality': rung },
  };
}

async function startPeer(platform: Platform) {
  const rtmpPort = await freePort();
  const hlsPort = await freePort();
  const workDir = path.join(platform.dataDir, 'peer-nginx');
  mkdirSync(workDir, { recursive: true });
  const nginx = await startNginx({
    rtmpPort, hlsHttpPort: hlsPort, controlPort: await freePort(), notifyUrl: platform.urls.site,
    notifySecret: randomBytes(18).toString('base64url'),
    workDir, hlsDir: path.join(platform.dataDir, 'peer-hls'),
    // nginx-rtmp's own defaults, hls_max_audio_delay included.
    hls: { fragmentSec: 5, playlistSec: 30, maxAudioDelayMs: 300 },
    // nginx serves the playlists as nginx-rtmp writes them: no blocking reload.
    blockingPlaylists: false,
    notify: false,
  });
  return { nginx, rtmp: `rtmp://127.0.0.1:${rtmpPort}/live`, hls: `http://127.0.0.1:${hlsPort}/hls` };
}

/** Publishes with `enc` while each target is measured in turn (on its own playlist); the stream stops afterwards. */
async function publishAndMeasure(rtmpUrl: string, paths: Array<{ playlist: string; target: MeasureTarget }>, enc: EncodeOptions): Promise<Summary[]> {
  const pub = startClockPublisher(rtmpUrl, enc);
  const out: Summary[] = [];
  try {
    for (const { playlist, target } of paths) {
      await waitFor(`${target.label} playlist`, async () => (await fetch(playlist)).ok, 60_000);
      const tracks = await waitFor(`${target.label} fragment`, () => playlistTracks(playlist), 30_000);
      console.log(`  ${target.label} serves ${tracks}`);
      if (enc.audio !== false && !/aac [1-9]/.test(tracks)) throw new Error(`${target.label} serves no audio: ${tracks}`);
      const backlog: number[] = [];
      const sampler = setInterval(() => backlog.push(Math.max(0, pub.encoderQueueFrames()) * (1000 / enc.fps)), 500);
      try {
        const summary = await measure(target, SECONDS, JOINS);
        backlog.sort((a, b) => a - b);
        out.push({ ...summary, tracks, backlogMs: { p50: percentile(backlog, 50), max: backlog.at(-1) ?? Number.NaN } });
      } finally {
        clearInterval(sampler);
      }
    }
    return out;
  } finally {
    await pub.stop();
  }
}

async function main() {
  // The ladder as production runs it (the source's rungs), whatever a trial encode on a busy machine would allow.
  const platform = await startPlatform({
    env: { LOG_LEVEL: 'warn' },
    nginxHls: { maxAudioDelayMs: LAIT_AUDIO_DELAY },
    blockingPlaylists: BLOCKING_RELOAD,
    // `--rungs source`: no rungs, but the supervisor still writes master.m3u8 (the channel turns live on it).
    ladder: { rungs: LADDER_RUNGS, capacity: 1 },
  });
  const peerPage = await startPeerPage();
  let peer: Awaited<ReturnType<typeof startPeer>> | undefined;
  const results: ProfileResult[] = [];
  try {
    peer = await startPeer(platform);
    for (const profile of profiles) {
      const enc: EncodeOptions = { profile, fps: 30, keyintSec: Number(values.keyint), audio: !values['video-only'], audioSource: AUDIO_SOURCE };
      const channel = platform.lait<Channel>('channel', 'create', `bench-${profile}`, '--json');
      console.log(`${profile}: Lait…`);
      const [lait, ...rungs] = await publishAndMeasure(`${platform.urls.rtmp}/${channel.streamKey}`, RUNGS.map((rung) => ({
        playlist: `${platform.urls.hls}/${channel.playbackId}/${rung === 'source' ? '' : `${rung}/`}index.m3u8`,
        target: laitTarget(platform, channel, rung),
      })), enc);
      console.log(`${profile}: peer (nginx-rtmp + hls.js defaults)…`);
      const name = `peer-${profile}`;
      const peerSrc = `${peer.hls}/${name}/index.m3u8`;
      const [base] = await publishAndMeasure(`${peer.rtmp}/${name}`, [{
        playlist: peerSrc,
        target: { label: 'Peer', url: `${peerPage.url}?src=${encodeURIComponent(peerSrc)}`, selector: '#v', warmupMs: 20_000 },
      }], enc);
      results.push({ enc, lait: lait!, rungs, peer: base! });
    }
    const md = renderReport(results, { seconds: SECONDS, joins: JOINS, laitAudioDelayMs: LAIT_AUDIO_DELAY, blockingReload: BLOCKING_RELOAD, argv: process.argv.slice(2) });
    console.log(md);
    // A video-only or pre-fix run is a comparison, not the result: each gets its own section.
    const section = values['video-only'] ? 'latency-video-only'
      : AUDIO_SOURCE === 'lavfi' ? 'latency-lavfi-audio'
      : LAIT_AUDIO_DELAY !== 20 ? `latency-audio-delay-${LAIT_AUDIO_DELAY}`
      : !BLOCKING_RELOAD ? 'latency-polling' : 'latency';
    console.log(`written to ${writeSection(section, md)}`);
  } finally {
    await peer?.nginx.stop().catch(() => {});
    await peerPage.close();
    await platform.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
