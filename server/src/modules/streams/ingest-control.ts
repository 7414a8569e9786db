/**
 * What the server asks of the ingest tier (nginx-rtmp's loopback stat and control pages).
 * An interface so the publish logic is tested against real nginx in e2e and against a
 * fake where only the decision logic is under test.
 */
export interface IngestControl {
  /** Names of the streams currently publishing in the ingest application. Throws when nginx cannot be asked. */
  listPublishing(): Promise<Set<string>>;
  /** Drops the publisher of `name` in the ingest application (and the relay it feeds). */
  dropPublisher(name: string): Promise<void>;
}
