import { dropPublisher, fetchStat } from '@lait/nginx-rtmp';
import type { StatStream } from '@lait/nginx-rtmp';
import type { IngestControl, IngestStreamSample } from './ingest-control.js';

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

/**
 * IngestControl over nginx-rtmp's /stat and /control pages: `defaultUrl` for a single node (streams
 * whose notify named no node), `nodes` (node id → control URL, INGEST_CONTROL_URLS) in a cluster.
 */
export function createNginxIngestControl(defaultUrl: string, nodes: Readonly<Record<string, string>> = {}): IngestControl {
  const urlOf = (node: string | null | undefined): string => {
    if (!node) return defaultUrl;
    const url = nodes[node];
    if (!url) throw new Error(`no control URL for ingest node ${node} (INGEST_CONTROL_URLS)`);
    return url;
  };
  const clustered = Object.keys(nodes).length > 0;
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
      const urls = clustered ? Object.values(nodes) : [defaultUrl];
      const results = await Promise.allSettled(urls.map((url) => fetchStat(url)));
      const ok = results.filter((r): r is PromiseFulfilledResult<StatStream[]> => r.status === 'fulfilled');
      if (ok.length === 0) throw (results[0] as PromiseRejectedResult).reason;
      return ok.flatMap((r) => r.value.filter((s) => s.app === 'live' && s.publishing).map(toSample));
    },
    async dropPublisher(name, node) {
      await dropPublisher(urlOf(node), 'live', name);
    },
    isClusterNode(node) {
      return node !== null && Object.hasOwn(nodes, node);
    },
  };
}
