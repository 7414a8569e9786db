import type { LadderStatus } from '@lait/shared';
import type { IngestControl } from '../modules/streams/ingest-control.js';

/** Stands in for nginx's stat/control pages where a test is about the server's decisions only. */
export class FakeIngest implements IngestControl {
  readonly publishing = new Set<string>();
  readonly dropped: string[] = [];
  down = false;
  /** Nodes named here count as cluster nodes (see IngestControl.isClusterNode). */
  readonly clusterNodes = new Set<string>();
  /** Streams whose playlist does not answer yet; every other stream is playable at once. */
  readonly notPlayable = new Set<string>();
  /** What every node's ladder supervisor answers; null: it cannot be asked. */
  ladder: LadderStatus | null = null;
  /** The node each call asked, in order. */
  readonly asked: Array<string | null> = [];

  async listPublishing(node: string | null = null): Promise<Set<string>> {
    this.asked.push(node);
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
    return new Set(this.publishing);
  }

  async streamStats(name: string) {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
    return this.publishing.has(name) ? { bitrateKbps: 2500, fps: 30, width: 1280, height: 720, durationSec: 42 } : null;
  }

  async listStreams() {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
    return [...this.publishing].map(() => ({ bitrateKbps: 2500, fps: 30, width: 1280, height: 720, durationSec: 42, droppedFrames: 3 }));
  }

  async dropPublisher(name: string, node: string | null = null): Promise<void> {
    this.asked.push(node);
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
    this.dropped.push(name);
    this.publishing.delete(name);
  }

  async playlistReady(name: string): Promise<boolean> {
    return !this.down && !this.notPlayable.has(name);
  }

  async ladderStatus(): Promise<LadderStatus> {
    if (this.down || !this.ladder) throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
    return this.ladder;
  }

  async listLadders(): Promise<LadderStatus[]> {
    return this.ladder && !this.down ? [this.ladder] : [];
  }

  isClusterNode(node: string | null): boolean {
    return node !== null && this.clusterNodes.has(node);
  }
}
