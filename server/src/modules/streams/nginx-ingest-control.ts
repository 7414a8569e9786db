import { dropPublisher, fetchStat } from '@lait/nginx-rtmp';
import type { IngestControl } from './ingest-control.js';

/** IngestControl over nginx-rtmp's loopback /stat and /control pages. */
export function createNginxIngestControl(controlUrl: string): IngestControl {
  return {
    async listPublishing() {
      const streams = await fetchStat(controlUrl);
      // The hls application carries every accepted stream under its playback id.
      return new Set(streams.filter((s) => s.publishing).map((s) => s.name));
    },
    async dropPublisher(name) {
      await dropPublisher(controlUrl, 'live', name);
    },
  };
}
