import { lowBitrateFloorKbps, type StreamHealth } from '@lait/shared';
import type { ChannelRow } from '../../db/entities.js';
import { hlsPath, isShownLive } from '../channels/channel.service.js';
import type { IngestControl } from './ingest-control.js';
import { readLadderHealth, type LadderLagTracker } from './ladder-health.js';

/** OBS's "auto" keyframe interval is often 8-10 s: HLS can only cut at keyframes, so latency balloons. */
const MAX_KEYFRAME_SEC = 2;

/**
 * The keyframe interval, read from the live playlist: nginx cuts a fragment at the first keyframe
 * after `hls_fragment` (1 s), so with a GOP of 1 s or more each fragment lasts exactly one GOP.
 */
export function keyframeIntervalFromPlaylist(m3u8: string): number | null {
  const durations = [...m3u8.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
  // The first fragments of a stream can be cut short; wait for a few before judging.
  if (durations.length < 3) return null;
  const sorted = durations.slice(-6).sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]! * 100) / 100;
}

export async function readStreamHealth(channel: ChannelRow, ingest: IngestControl, hlsInternalUrl: string, viewers: number, lag: LadderLagTracker): Promise<StreamHealth | null> {
  // Health belongs to a live stream as viewers see it: not before its playlist answers.
  if (!isShownLive(channel)) return null;
  const [stats, ladder] = await Promise.all([
    ingest.streamStats(channel.playbackId, channel.liveNode).catch(() => null),
    readLadderHealth(channel, ingest, lag),
  ]);
  let keyframeIntervalSec: number | null = null;
  try {
    const res = await fetch(`${hlsInternalUrl}/${hlsPath(channel)}/index.m3u8`, { signal: AbortSignal.timeout(2000) });
    if (res.ok) keyframeIntervalSec = keyframeIntervalFromPlaylist(await res.text());
  } catch {
    // no playlist yet
  }
  const warnings: StreamHealth['warnings'] = [];
  if (keyframeIntervalSec !== null && keyframeIntervalSec > MAX_KEYFRAME_SEC + 0.1) warnings.push('KEYFRAME_INTERVAL_TOO_LONG');
  if (stats && stats.durationSec > 10 && stats.bitrateKbps < lowBitrateFloorKbps(stats.height, stats.fps)) warnings.push('LOW_BITRATE');
  if (stats?.fps != null && stats.fps > 0 && stats.fps < 20) warnings.push('LOW_FPS');
  warnings.push(...ladder.warnings);
  return {
    bitrateKbps: stats?.bitrateKbps ?? 0,
    fps: stats?.fps ?? null,
    width: stats?.width ?? null,
    height: stats?.height ?? null,
    keyframeIntervalSec,
    durationSec: stats?.durationSec ?? (channel.liveSince ? Math.round((Date.now() - new Date(channel.liveSince).getTime()) / 1000) : 0),
    viewers,
    warnings,
    ladder: ladder.ladder,
  };
}
