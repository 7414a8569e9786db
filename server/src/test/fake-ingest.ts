import type { IngestControl } from '../modules/streams/ingest-control.js';

/** Stands in for nginx's stat/control pages where a test is about the server's decisions only. */
export class FakeIngest implements IngestControl {
  readonly publishing = new Set<string>();
  readonly dropped: string[] = [];
  down = false;

  async listPublishing(): Promise<Set<string>> {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
    return new Set(this.publishing);
  }

  async streamStats(name: string) {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
    return this.publishing.has(name) ? { bitrateKbps: 2500, fps: 30, width: 1280, height: 720, durationSec: 42 } : null;
  }

  async dropPublisher(name: string): Promise<void> {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
    this.dropped.push(name);
    this.publishing.delete(name);
  }
}
