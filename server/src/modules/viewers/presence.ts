import { randomUUID } from 'node:crypto';
import type { ChatViewerCountSync } from '@lait/shared';

/**
 * Viewer counts per channel, as the directory, channel views and metrics read them
 * (the read side of {@link ViewerPresence}).
 */
export interface ViewerCounts {
  forChannels(channelIds: readonly number[]): Promise<Map<number, number>>;
}

/** How often each process tells the others its counts, and when silence means it is gone. */
const PUBLISH_EVERY_MS = 1000;
const HEARTBEAT_EVERY_MS = 5000;
const STALE_AFTER_MS = 12_000;

/** What a process shares: per channel, its anonymous pages (a count) and its signed-in users (ids). */
export type PresenceShare = ChatViewerCountSync;

export interface PresenceLink {
  /** Sends this process's viewers to the others (the adapter's serverSideEmit). */
  publish(payload: PresenceShare): void;
  /** A channel's total changed: tell its local sockets, keep the session's peak. */
  onTotal(channelId: number, total: number): void;
}

/**
 * Viewer counts from chat presence: every open channel page holds a socket in the channel's
 * room. Each process shares with the others, per channel, how many anonymous pages it holds (each
 * its own viewer) and which signed-in users (ids); a total is every fresh process's anonymous
 * count plus the distinct users of all of them, so a user with tabs on two processes counts once.
 * The shared ids grow with a channel's signed-in audience (≈7 bytes each, sent on change at most
 * once a second and every 5 s). Feeds the REST directory as well.
 */
export class ViewerPresence implements ViewerCounts {
  readonly processId = randomUUID();
  /** Per channel, this process's viewers: who (user or anonymous socket) → how many sockets. */
  private readonly local = new Map<number, Map<string, number>>();
  private readonly remote = new Map<string, { at: number; counts: Map<number, number>; users: Map<number, readonly number[]> }>();
  private readonly lastTotals = new Map<number, number>();
  private link: PresenceLink | null = null;
  private timer: NodeJS.Timeout | null = null;
  private changed = false;
  private lastPublish = 0;

  /** Starts sharing (the chat plugin calls this; the CLI never does). */
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

  /** This process's viewers per channel (what it shares with the others). */
  private localShare(): PresenceShare {
    const counts: Record<string, number> = {};
    const users: Record<string, number[]> = {};
    for (const [id, viewers] of this.local) {
      const ids = [...viewers.keys()].filter((v) => v.startsWith('u:')).map((v) => Number(v.slice(2)));
      if (viewers.size > ids.length) counts[id] = viewers.size - ids.length;
      if (ids.length > 0) users[id] = ids;
    }
    return { processId: this.processId, counts, users };
  }

  /** Another process's viewers (its whole picture, so channels it no longer has drop out). */
  receive(payload: PresenceShare): void {
    if (payload.processId === this.processId) return;
    const counts = new Map(Object.entries(payload.counts).map(([k, v]) => [Number(k), Number(v)] as const));
    const users = new Map(Object.entries(payload.users ?? {}).map(([k, v]) => [Number(k), v] as const));
    this.remote.set(payload.processId, { at: Date.now(), counts, users });
  }

  total(channelId: number): number {
    const local = this.local.get(channelId);
    const users = new Set<number>();
    let anonymous = 0;
    for (const viewer of local?.keys() ?? []) {
      if (viewer.startsWith('u:')) users.add(Number(viewer.slice(2)));
      else anonymous++;
    }
    const now = Date.now();
    for (const p of this.remote.values()) {
      if (now - p.at >= STALE_AFTER_MS) continue;
      anonymous += p.counts.get(channelId) ?? 0;
      for (const id of p.users.get(channelId) ?? []) users.add(id);
    }
    return anonymous + users.size;
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
      link.publish(this.localShare());
    }
    for (const [id, p] of this.remote) if (now - p.at >= STALE_AFTER_MS) this.remote.delete(id);
    const channels = new Set<number>([...this.local.keys(), ...this.lastTotals.keys()]);
    for (const p of this.remote.values()) for (const id of [...p.counts.keys(), ...p.users.keys()]) channels.add(id);
    for (const channelId of channels) {
      const total = this.total(channelId);
      if (this.lastTotals.get(channelId) === total) continue;
      if (total === 0) this.lastTotals.delete(channelId);
      else this.lastTotals.set(channelId, total);
      link.onTotal(channelId, total);
    }
  }
}
