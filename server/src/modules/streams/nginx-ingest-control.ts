import { dropPublisher, fetchStat } from '@lait/nginx-rtmp';
import type { IngestControl } from './ingest-control.js';

/** IngestControl over nginx-rtmp's loopback /stat and /control pages. */
export function createNginxIngestControl(controlUrl: string): IngestControl {
  return {
    async listPublishing() {
      const streams = await fetchStat(controlUrl);
      // Accepted streams carry the playback id in both applications (the 302 rename reaches stat).
      return new Set(streams.filter((s) => s.publishing).map((s) => s.name));
    },
    async streamStats(name) {
      const stream = (await fetchStat(controlUrl)).find((s) => s.app === 'live' && s.name === name && s.publishing);
      if (!stream) return null;
      return {
        bitrateKbps: Math.round(stream.bwInKbps),
        fps: stream.video?.frameRate ?? null,
        width: stream.video?.width ?? null,
        height: stream.video?.height ?? null,
        durationSec: Math.round(stream.time / 1000),
      };
    },
    async dropPublisher(name) {
      await dropPublisher(controlUrl, 'live', name);
    },
  };
}
