import { dropPublisher, fetchStat } from '@lait/nginx-rtmp';
import type { StatStream } from '@lait/nginx-rtmp';
import { LadderStatusSchema, type LadderStatus } from '@lait/shared';
import { Value } from '@sinclair/typebox/value';
import { LIVE_PLAYLIST, hlsPath } from '../channels/channel.service.js';
import type { IngestControl, IngestStreamSample } from './ingest-control.js';

/** The playlist probe runs every 250 ms: a slow answer must not pile probes up. */
const PLAYLIST_PROBE_TIMEOUT_MS = 1000;
const LADDER_TIMEOUT_MS = 2000;

function toSample(stream: StatStream): IngestStreamSample {
  return {
    bitrateKbps: Math.round(stream.bwInKbps),
    fps: stream.video?.frameRate ?? null,
    width: stream.video?.width ?? null,
    height: stream.video?.height ?? null,
    durationSec: Math.round(stream.time / 1000),
    droppedFrames: stream.droppedFrames,
  };
}

/** The ladder supervisor's status page, checked against the shared contract. */
export async function fetchLadderStatus(controlUrl: string, timeoutMs = LADDER_TIMEOUT_MS): Promise<LadderStatus> {
  const res = await fetch(`${controlUrl}/ladder`, { signal: AbortSignal.timeout(timeoutMs) });
  if (!res.ok) throw new Error(`ladder status: HTTP ${res.status}`);
  const body: unknown = await res.json();
  if (!Value.Check(LadderStatusSchema, body)) throw new Error('ladder status: not a LadderStatus');
  return body;
}

/**
 * IngestControl over nginx-rtmp's /stat and /control pages: `defaultUrl` for a single node (streams
 * whose notify named no node), `nodes` (node id → control URL, INGEST_CONTROL_URLS) in a cluster.
 * `hlsInternalUrl` is how this server reaches the nodes' HLS (`<hlsInternalUrl>/<node>/<playbackId>/…`).
 */
export function createNginxIngestControl(defaultUrl: string, nodes: Readonly<Record<string, string>> = {}, hlsInternalUrl = ''): IngestControl {
  const urlOf = (node: string | null | undefined): string => {
    if (!node) return defaultUrl;
    const url = nodes[node];
    if (!url) throw new Error(`no control URL for ingest node ${node} (INGEST_CONTROL_URLS)`);
    return url;
  };
  const clustered = Object.keys(nodes).length > 0;
  const allUrls = () => (clustered ? Object.values(nodes) : [defaultUrl]);
  return {
    async listPublishing(node) {
      const streams = await fetchStat(urlOf(node));
      // Accepted streams carry the playback id in both applications (the 302 rename reaches stat).
      return new Set(streams.filter((s) => s.publishing).map((s) => s.name));
    },
    async streamStats(name, node) {
      const stream = (await fetchStat(urlOf(node))).find((s) => s.app === 'live' && s.name === name && s.publishing);
      return stream ? toSample(stream) : null;
    },
    async listStreams() {
      const results = await Promise.allSettled(allUrls().map((url) => fetchStat(url)));
      const ok = results.filter((r): r is PromiseFulfilledResult<StatStream[]> => r.status === 'fulfilled');
      if (ok.length === 0) throw (results[0] as PromiseRejectedResult).reason;
      return ok.flatMap((r) => r.value.filter((s) => s.app === 'live' && s.publishing).map(toSample));
    },
    async dropPublisher(name, node) {
      await dropPublisher(urlOf(node), 'live', name);
    },
    async playlistReady(name, node) {
      try {
        const res = await fetch(`${hlsInternalUrl}/${hlsPath({ playbackId: name, liveNode: node ?? null })}/${LIVE_PLAYLIST}`, {
          signal: AbortSignal.timeout(PLAYLIST_PROBE_TIMEOUT_MS),
        });
        await res.body?.cancel();
        return res.status === 200;
      } catch {
        return false;
      }
    },
    ladderStatus(node) {
      return fetchLadderStatus(urlOf(node));
    },
    async listLadders() {
      const results = await Promise.allSettled(allUrls().map((url) => fetchLadderStatus(url)));
      return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    },
    isClusterNode(node) {
      return node !== null && Object.hasOwn(nodes, node);
    },
  };
}
