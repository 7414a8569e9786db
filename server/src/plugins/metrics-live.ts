import type { FastifyBaseLogger } from 'fastify';
import type { ChannelRepository } from '../modules/channels/channel.repository.js';
import type { IngestControl } from '../modules/streams/ingest-control.js';
import type { ViewerCounts } from '../modules/viewers/presence.js';
import type { LiveGauges } from './metrics-registry.js';

/** Only the top channels get a labelled series: labels stay bounded however many channels are live. */
export const TOP_CHANNELS = 10;
/** A scrape never reads more live channels than this (the directory's own bound is lower). */
const MAX_LIVE_SCANNED = 5000;

export interface LiveSources {
  channels: ChannelRepository;
  viewers: ViewerCounts;
  ingest: IngestControl;
  socketCount(): number;
  log: FastifyBaseLogger;
}

/**
 * Fills the scrape-time gauges from their sources, right before the registry is serialised.
 * Labels carry public slugs only: stream keys and playback ids never leave the process this way.
 */
export async function refreshLiveGauges(g: LiveGauges, src: LiveSources): Promise<void> {
  g.sockets.set(src.socketCount());
  await Promise.all([refreshChannels(g, src), refreshIngest(g, src), refreshLadders(g, src)]);
}

/** Per rung, the slowest transcoder anywhere: the one whose viewers stall first. No stream is named. */
async function refreshLadders(g: LiveGauges, src: LiveSources): Promise<void> {
  const slowest = new Map<string, number>();
  try {
    for (const status of await src.ingest.listLadders()) {
      for (const rung of status.streams.flatMap((s) => s.rungs)) {
        if (rung.speed === null) continue;
        slowest.set(rung.name, Math.min(rung.speed, slowest.get(rung.name) ?? Infinity));
      }
    }
  } catch (err) {
    src.log.debug({ err: (err as Error).message }, 'metrics: ladder status unreadable');
  }
  g.transcoderSpeed.reset();
  for (const [rung, speed] of slowest) g.transcoderSpeed.set({ rung }, speed);
}

async function refreshChannels(g: LiveGauges, src: LiveSources): Promise<void> {
  let live;
  try {
    live = await src.channels.listLive(MAX_LIVE_SCANNED);
  } catch (err) {
    src.log.debug({ err }, 'metrics: live channels unreadable');
    return;
  }
  const counts = await src.viewers.forChannels(live.map((c) => c.id));
  const ranked = live.map((c) => ({ slug: c.slug, viewers: counts.get(c.id) ?? 0 })).sort((a, b) => b.viewers - a.viewers);
  g.liveChannels.set(live.length);
  g.viewersTotal.set(ranked.reduce((sum, c) => sum + c.viewers, 0));
  g.channelViewers.reset();
  for (const c of ranked.slice(0, TOP_CHANNELS)) g.channelViewers.set({ channel: c.slug }, c.viewers);
}

async function refreshIngest(g: LiveGauges, src: LiveSources): Promise<void> {
  let streams;
  try {
    streams = await src.ingest.listStreams();
  } catch (err) {
    src.log.debug({ err: (err as Error).message }, 'metrics: nginx stat unreachable');
    g.ingestUp.set(0);
    return;
  }
  g.ingestUp.set(1);
  g.ingestStreams.set(streams.length);
  g.ingestBitrate.set(streams.reduce((sum, s) => sum + s.bitrateKbps * 1000, 0));
  g.ingestDroppedFrames.set(streams.reduce((sum, s) => sum + s.droppedFrames, 0));
  const fps = streams.map((s) => s.fps).filter((f): f is number => f !== null && f > 0);
  g.ingestFps.reset();
  if (fps.length > 0) {
    g.ingestFps.set({ stat: 'min' }, Math.min(...fps));
    g.ingestFps.set({ stat: 'avg' }, fps.reduce((a, b) => a + b, 0) / fps.length);
  }
}
