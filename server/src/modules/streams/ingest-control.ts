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

export interface IngestControl {
  /** What nginx knows of a live stream, or null when it carries none by that name. */
  streamStats(name: string): Promise<IngestStreamStats | null>;
  /** Names of the streams currently publishing in the ingest application. Throws when nginx cannot be asked. */
  listPublishing(): Promise<Set<string>>;
  /** Drops the publisher of `name` in the ingest application (and the relay it feeds). */
  dropPublisher(name: string): Promise<void>;
}
