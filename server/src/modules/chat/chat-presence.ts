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
 * room. Each process counts its own distinct viewers (a user's tabs once) and shares the counts
 * with the others; a total is this process's count plus the fresh counts of the others (a user
 * with tabs on two processes counts twice: rare, and sharing counts keeps the traffic small).
 * Feeds the REST directory as well.
 */
export class ChatPresence implements ViewerCounts {
  readonly processId = randomUUID();
  /** Per channel, this process's viewers: who (user or anonymous socket) → how many sockets. */
  private readonly local = new Map<number, Map<string, number>>();
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

  /** `viewer` opened the channel page (once more: a second tab of the same user is not a second viewer). */
  join(channelId: number, viewer: string): void {
    const viewers = this.local.get(channelId) ?? new Map<string, number>();
    viewers.set(viewer, (viewers.get(viewer) ?? 0) + 1);
    this.local.set(channelId, viewers);
    this.changed = true;
  }

  leave(channelId: number, viewer: string): void {
    const viewers = this.local.get(channelId);
    if (!viewers) return;
    const n = (viewers.get(viewer) ?? 0) - 1;
    if (n > 0) viewers.set(viewer, n);
    else viewers.delete(viewer);
    if (viewers.size === 0) this.local.delete(channelId);
    this.changed = true;
  }

  /** This process's distinct viewers per channel (what it shares with the others). */
  private localCounts(): Record<string, number> {
    return Object.fromEntries([...this.local].map(([id, viewers]) => [id, viewers.size]));
  }

  /** Another process's counts (its whole picture, so channels it no longer has drop out). */
  receive(payload: { processId: string; counts: Record<string, number> }): void {
    if (payload.processId === this.processId) return;
    const counts = new Map(Object.entries(payload.counts).map(([k, v]) => [Number(k), Number(v)] as const));
    this.remote.set(payload.processId, { at: Date.now(), counts });
  }

  total(channelId: number): number {
    let n = this.local.get(channelId)?.size ?? 0;
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
      link.publish({ processId: this.processId, counts: this.localCounts() });
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
