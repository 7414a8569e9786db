import type { LadderStatus } from '@lait/shared';

/**
 * What the server asks of the ingest tier (nginx-rtmp's loopback stat and control pages).
 * An interface so the publish logic is tested against real nginx in e2e and against a
 * fake where only the decision logic is under test.
 */
export interface IngestStreamStats {
  bitrateKbps: number;
  fps: number | null;
  width: number | null;
  height: number | null;
  durationSec: number;
}

/** One publishing stream as the metrics see it: no name, so no key or id reaches a label. */
export interface IngestStreamSample extends IngestStreamStats {
  /** Frames nginx dropped for the stream's clients since it started. */
  droppedFrames: number;
}

export interface IngestControl {
  /**
   * What nginx knows of a live stream, or null when it carries none by that name. `node` names the
   * cluster node that holds it (null: the single node, NGINX_CONTROL_URL); so do the others'.
   */
  streamStats(name: string, node?: string | null): Promise<IngestStreamStats | null>;
  /** Names of the streams currently publishing on a node. Throws when that node cannot be asked. */
  listPublishing(node?: string | null): Promise<Set<string>>;
  /** Every stream publishing on every node (metrics). Throws when no node can be asked. */
  listStreams(): Promise<IngestStreamSample[]>;
  /** Drops the publisher of `name` on its node (and the relay it feeds). */
  dropPublisher(name: string, node?: string | null): Promise<void>;
  /** True when the stream's live playlist (master.m3u8) answers 200 on its node's internal HLS. */
  playlistReady(name: string, node?: string | null): Promise<boolean>;
  /** The ladder supervisor's status on a node (`<control URL>/ladder`). Throws when it cannot be asked. */
  ladderStatus(node?: string | null): Promise<LadderStatus>;
  /** The ladder status of every node that answers (metrics). */
  listLadders(): Promise<LadderStatus[]>;
  /** True when `node` is a cluster node: one that cannot be asked then carries nothing (it is gone). */
  isClusterNode(node: string | null): boolean;
}
