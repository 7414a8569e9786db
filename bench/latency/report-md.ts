import { machine } from '../lib/report.js';
import type { Summary } from './measure.js';
import { describeProfile, type EncodeOptions } from './profiles.js';

export interface ProfileResult { enc: EncodeOptions; lait: Summary; /** Lait's rungs, each played through the quality menu. */ rungs: Summary[]; peer: Summary }

/** The issue's target for a transcoded rung: at most 0.5 s behind the source (p50 against p50). */
function rungVerdict(source: Summary, rung: Summary): string {
  const behind = rung.p50 - source.p50;
  return `${rung.label}: ${(behind / 1000).toFixed(2)} s behind the source (p50), target ≤ 0.5 s **${behind <= 500 ? 'met' : 'not met'}**`;
}

/** The issue's targets: zerolatency p50 ≤ 2.0 s, p95 ≤ 3.0 s, no stall; OBS defaults p50 ≤ 2.5 s. */
function verdict(r: ProfileResult): string {
  const s = r.lait;
  if (r.enc.profile === 'zerolatency') {
    const checks = [
      `p50 ${(s.p50 / 1000).toFixed(2)} s ${s.p50 <= 2000 ? '≤' : '>'} 2.0 s`,
      `p95 ${(s.p95 / 1000).toFixed(2)} s ${s.p95 <= 3000 ? '≤' : '>'} 3.0 s`,
      `${s.stalls} stalls`,
    ];
    const met = s.p50 <= 2000 && s.p95 <= 3000 && s.stalls === 0;
    return `target p50 ≤ 2.0 s, p95 ≤ 3.0 s, no stall: **${met ? 'met' : 'not met'}** (${checks.join(', ')})`;
  }
  return `target p50 ≤ 2.5 s: **${s.p50 <= 2500 ? 'met' : 'not met'}** (p50 ${(s.p50 / 1000).toFixed(2)} s)`;
}

function row(setup: string, s: Summary): string {
  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const load = s.load.map((l) => l.toFixed(1)).join(', ');
  const backlog = s.backlogMs ? `${Math.round(s.backlogMs.p50)} / ${Math.round(s.backlogMs.max)} ms` : '?';
  const heights = s.heights.length ? [...new Set(s.heights)].map((h) => `${h}p`).join(', ') : '?';
  return `| ${setup} | ${heights} | ${s.tracks ?? '?'} | ${s.samples} | ${sec(s.p50)} | ${sec(s.p95)} | ${sec(s.max)} | ${s.stalls} (${(s.stallMs / 1000).toFixed(1)} s) | ${backlog} | ${load} |`;
}

export function renderReport(results: ProfileResult[], run: { seconds: number; joins: number; laitAudioDelayMs: number; blockingReload: boolean; argv: string[] }): string {
  const audio = results.every((r) => r.enc.audio !== false);
  const lait = run.laitAudioDelayMs !== 20 ? `Lait with hls_max_audio_delay ${run.laitAudioDelayMs}ms`
    : run.blockingReload ? 'Lait' : 'Lait, playlists polled (no blocking reload)';
  const laitSetup = run.blockingReload ? '1 s fragments, 4 s playlist, blocking reload, tuned hls.js' : '1 s fragments, 4 s playlist, tuned hls.js';
  const sections = results.map((r) => `### Publisher \`${r.enc.profile}\`: ${describeProfile(r.enc)}

| setup | played | tracks | frames | p50 | p95 | max | stalls (time) | backlog before x264 p50 / max | load (1 min) after each join |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${row(`${lait} (${laitSetup})`, r.lait)}
${r.rungs.map((s) => row(`${lait}, ${s.label.replace(/^Lait /, '')} rung (chosen in the quality menu)`, s)).join('\n')}${r.rungs.length ? '\n' : ''}${row('peer: nginx-rtmp defaults (5 s fragments, 30 s playlist, hls_max_audio_delay 300ms) + hls.js defaults', r.peer)}

Ratio: the peer's p50 is ${(r.peer.p50 / r.lait.p50).toFixed(1)}× Lait's. Lait ${verdict(r)}.${r.rungs.map((s) => `\n${rungVerdict(r.lait, s)}.`).join('')}`);
  const lavfi = results.some((r) => r.enc.audioSource === 'lavfi');
  const title = !audio ? ', video only'
    : lavfi ? ', audio from ffmpeg\'s own clock (artefact)'
    : run.laitAudioDelayMs !== 20 ? `, Lait's nginx with hls_max_audio_delay ${run.laitAudioDelayMs}ms`
    : run.blockingReload ? '' : ', playlists polled without blocking reload (comparison)';
  return `## Glass-to-glass latency${title} (bench/latency)

Command: \`npx tsx bench/latency/run.ts${run.argv.length ? ` ${run.argv.join(' ')}` : ''}\`  
Machine: ${machine()}  
Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC

${audio ? 'A stream sent like OBS: 720p30 timestamped frames and a 48 kHz stereo tone written in real time\nagainst one clock → ffmpeg (x264 + AAC' : 'Video only (a comparison: no real stream looks like this): 720p30 timestamped frames written in\nreal time → ffmpeg (x264'}, bench/latency/profiles.ts) → RTMP → nginx-rtmp → HLS →
hls.js in headless Chromium. Latency = display time of a frame (requestVideoFrameCallback) − the
time written into its picture, over ${run.joins} joins × ${Math.round(run.seconds / run.joins)} s per path.
Lait runs its ladder; each rung is played by choosing it in the player's quality menu (the choice
kept in localStorage), and "played" is the video's height at the end of each join.
The peer gets the same publisher${audio ? ', audio included' : ''}. Stalls are \`waiting\` events after playback began.
Backlog before x264 = frames written but not yet taken by the encoder (ffmpeg -progress): above a
frame or two it is latency added by a machine too loaded to encode in real time, on both paths alike.

${sections.join('\n\n')}`;
}
