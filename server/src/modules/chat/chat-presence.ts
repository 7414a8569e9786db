import { randomUUID } from 'node:crypto';
import type { ViewerCounts } from '../viewers/viewer-counts.js';

/** How often each process tells the others its counts, and when silence means it is gone. */
const PUBLISH_EVERY_MS = 1000;
const HEARTBEAT_EVERY_MS = 5000;
const STALE_AFTER_MS = 12_000;

export interface PresenceLink {
  /** Sends this process's counts to the others (the adapter's serverSideEmit). */
  publish(payload: { processId: string; counts: Record<string, number> }): void;
  /** A channel's total changed: tell its local sockets, keep the session's peak. */
  onTotal(channelId: number, total: number): void;
}

/**
 * Viewer counts from chat presence: every open channel page holds a socket in the channel's
 * room. Each process counts its own sockets and shares the counts with the others; a total is
 * this process's count plus the fresh counts of the others. Feeds the REST directory as well.
 */
export class ChatPresence implements ViewerCounts {
  readonly processId = randomUUID();
  private readonly local = new Map<number, number>();
  private readonly remote = new Map<string, { at: number; counts: Map<number, number> }>();
  private readonly lastTotals = new Map<number, number>();
  private link: PresenceLink | null = null;
  private timer: NodeJS.Timeout | null = null;
  private changed = false;
  private lastPublish = 0;

  /** Starts sharing (the socket plugin calls this; the CLI never does). */
  start(link: PresenceLink): void {
    this.link = link;
    this.timer = setInterval(() => this.tick(), PUBLISH_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.link = null;
  }

  join(channelId: number): void {
    this.local.set(channelId, (this.local.get(channelId) ?? 0) + 1);
    this.changed = true;
  }

  leave(channelId: number): void {
    const n = (this.local.get(channelId) ?? 0) - 1;
    if (n > 0) this.local.set(channelId, n);
    else this.local.delete(channelId);
    this.changed = true;
  }

  /** Another process's counts (its whole picture, so channels it no longer has drop out). */
  receive(payload: { processId: string; counts: Record<string, number> }): void {
    if (payload.processId === this.processId) return;
    const counts = new Map(Object.entries(payload.counts).map(([k, v]) => [Number(k), Number(v)] as const));
    this.remote.set(payload.processId, { at: Date.now(), counts });
  }

  total(channelId: number): number {
    let n = this.local.get(channelId) ?? 0;
    const now = Date.now();
    for (const p of this.remote.values()) if (now - p.at < STALE_AFTER_MS) n += p.counts.get(channelId) ?? 0;
    return n;
  }

  async forChannels(channelIds: readonly number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    for (const id of channelIds) {
      const n = this.total(id);
      if (n > 0) out.set(id, n);
    }
    return out;
  }

  /** Exposed for tests: one round of sharing and total updates. */
  tick(): void {
    const link = this.link;
    if (!link) return;
    const now = Date.now();
    if (this.changed || now - this.lastPublish >= HEARTBEAT_EVERY_MS) {
      this.changed = false;
      this.lastPublish = now;
      link.publish({ processId: this.processId, counts: Object.fromEntries(this.local) });
    }
    for (const [id, p] of this.remote) if (now - p.at >= STALE_AFTER_MS) this.remote.delete(id);
    const channels = new Set<number>([...this.local.keys(), ...this.lastTotals.keys()]);
    for (const p of this.remote.values()) for (const id of p.counts.keys()) channels.add(id);
    for (const channelId of channels) {
      const total = this.total(channelId);
      if (this.lastTotals.get(channelId) === total) continue;
      if (total === 0) this.lastTotals.delete(channelId);
      else this.lastTotals.set(channelId, total);
      link.onTotal(channelId, total);
    }
  }
}
