import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { CHAT_PAGE_SIZE, type ChatMessage } from '@lait/shared';
import { toChatMessage, type ChatMessageRepository } from './chat-message.repository.js';
import type { RedisGate } from './chat-redis.js';

/** How many recent messages per channel the cache keeps (a re-join after a short absence is answered from it). */
export const HISTORY_SIZE = 200;
const PAGE = CHAT_PAGE_SIZE;
const DELETED_TTL_SEC = 86_400;
/** Channels whose recent messages this process keeps parsed (or, without Redis, keeps at all). */
const CACHED_CHANNELS = 2000;

/** At most one page of messages, oldest first, and whether older ones exist before it. */
export interface HistoryPage {
  messages: ChatMessage[];
  hasMore: boolean;
}

interface Cached {
  /** The list as cached (for coverage), and what of it is visible. */
  raw: ChatMessage[];
  visible: ChatMessage[];
}

/**
 * Recent messages per channel for joins: a capped Redis list (shared by all processes) or, without
 * Redis, an in-process ring. The database stays the truth: it answers whatever the cache cannot
 * cover (a reconnect from further back, Redis down, a fresh process). Every answer is one page at
 * most, so no join can make the server read or build more than that.
 */
export class ChatHistory {
  private readonly memory = new LRUCache<number, ChatMessage[]>({ max: CACHED_CHANNELS });
  /** The Redis list as last parsed, under a cheap version (length, last entry, deleted count, slug): joins reuse it until it changes. */
  private readonly parsed = new LRUCache<number, Cached & { version: string }>({ max: CACHED_CHANNELS });
  /** Channels written while Redis was down: their Redis list is rebuilt when it is back. */
  private readonly dirty = new Set<number>();

  constructor(
    private readonly gate: RedisGate,
    private readonly messages: ChatMessageRepository,
  ) {
    gate.onRecovered(() => void this.resync());
  }

  private get inMemory(): boolean {
    return this.gate.redis === null;
  }

  async append(channelId: number, batch: ChatMessage[]): Promise<void> {
    if (this.inMemory) {
      const ring = this.memory.get(channelId);
      if (ring) {
        ring.push(...batch);
        if (ring.length > HISTORY_SIZE) ring.splice(0, ring.length - HISTORY_SIZE);
      }
      return;
    }
    const key = this.gate.key('hist', channelId);
    await this.write(channelId, (r) => r.multi().rpush(key, ...batch.map((m) => JSON.stringify(m))).ltrim(key, -HISTORY_SIZE, -1).exec());
  }

  /**
   * The latest visible page. `hasMore` may say yes when exactly a page exists (the client then
   * asks once more and gets nothing); it says no only when nothing older is visible.
   */
  async recent(channelId: number, slug: string): Promise<HistoryPage> {
    const cached = await this.cached(channelId, slug);
    if (cached && (this.inMemory || cached.raw.length > 0)) {
      const v = cached.visible;
      return { messages: v.length > PAGE ? v.slice(-PAGE) : v, hasMore: v.length >= PAGE || cached.raw.length >= HISTORY_SIZE };
    }
    const rows = await this.messages.recent(channelId, PAGE + 1);
    return { messages: rows.slice(-PAGE).map((r) => toChatMessage(r, slug)), hasMore: rows.length > PAGE };
  }

  /** The newest page of visible messages after `sinceId`; `hasMore` when the absence was longer than a page. */
  async since(channelId: number, slug: string, sinceId: number): Promise<HistoryPage> {
    const cached = await this.cached(channelId, slug);
    // The cache covers the gap only if it still holds sinceId itself or something older.
    const first = cached?.raw[0];
    if (cached && first && Number(first.id) <= sinceId) {
      const after = cached.visible.filter((m) => Number(m.id) > sinceId).sort((a, b) => Number(a.id) - Number(b.id));
      return { messages: after.slice(-PAGE), hasMore: after.length > PAGE };
    }
    const rows = await this.messages.latestAfter(channelId, sinceId, PAGE + 1);
    return { messages: rows.slice(-PAGE).map((r) => toChatMessage(r, slug)), hasMore: rows.length > PAGE };
  }

  /** Visible messages before `beforeId` (scrolling up), from the database. */
  async before(channelId: number, slug: string, beforeId: number, limit: number): Promise<HistoryPage> {
    const n = Math.min(limit, PAGE);
    const rows = await this.messages.before(channelId, beforeId, n + 1);
    return { messages: rows.slice(-n).map((r) => toChatMessage(r, slug)), hasMore: rows.length > n };
  }

  async markDeleted(channelId: number, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    if (this.inMemory) {
      const gone = new Set(ids);
      const ring = this.memory.get(channelId);
      if (ring) this.memory.set(channelId, ring.filter((m) => !gone.has(m.id)));
      return;
    }
    const key = this.gate.key('deleted', channelId);
    await this.write(channelId, (r) => r.multi().sadd(key, ...ids).expire(key, DELETED_TTL_SEC).exec());
  }

  async clear(channelId: number): Promise<void> {
    this.memory.set(channelId, []);
    if (this.inMemory) return;
    await this.write(channelId, (r) => r.del(this.gate.key('hist', channelId), this.gate.key('deleted', channelId)));
  }

  /** A Redis write; when it cannot happen, the channel's list is rebuilt from the database later. */
  private async write(channelId: number, fn: (r: Redis) => Promise<unknown>): Promise<void> {
    await this.gate.run(async (r) => {
      await fn(r);
    }, () => {
      this.dirty.add(channelId);
      this.parsed.delete(channelId);
    });
  }

  /** Raw list (for coverage) and what of it is visible; null when only the database can answer. */
  private async cached(channelId: number, slug: string): Promise<Cached | null> {
    if (this.inMemory) {
      let ring = this.memory.get(channelId);
      if (!ring) {
        ring = (await this.messages.recent(channelId, HISTORY_SIZE)).map((r) => toChatMessage(r, slug));
        this.memory.set(channelId, ring);
      }
      return { raw: ring, visible: ring };
    }
    if (this.dirty.has(channelId)) return null;
    return this.gate.run(async (r) => {
      const histKey = this.gate.key('hist', channelId);
      const deletedKey = this.gate.key('deleted', channelId);
      const probe = await r.multi().llen(histKey).lindex(histKey, -1).scard(deletedKey).exec();
      const version = `${slug}\n${(probe ?? []).map(([, v]) => String(v)).join('\n')}`;
      const hit = this.parsed.get(channelId);
      if (hit && hit.version === version) return hit;
      const [list, deleted] = await Promise.all([r.lrange(histKey, 0, -1), r.smembers(deletedKey)]);
      // Lists rebuilt after an outage carry no slug; the caller knows it.
      const raw = list.map((s) => ({ ...(JSON.parse(s) as ChatMessage), channel: slug }));
      const gone = new Set(deleted);
      const entry = { version, raw, visible: gone.size === 0 ? raw : raw.filter((m) => !gone.has(m.id)) };
      this.parsed.set(channelId, entry);
      return entry;
    }, () => null);
  }

  /** Rebuilds the Redis lists of channels written during an outage from the database. */
  private async resync(): Promise<void> {
    for (const channelId of [...this.dirty]) {
      const rows = await this.messages.recent(channelId, HISTORY_SIZE).catch(() => null);
      if (!rows) continue;
      const key = this.gate.key('hist', channelId);
      const ok = await this.gate.run(async (r) => {
        const m = r.multi().del(key, this.gate.key('deleted', channelId));
        if (rows.length > 0) m.rpush(key, ...rows.map((row) => JSON.stringify(toChatMessage(row, ''))));
        await m.exec();
        return true;
      }, () => false);
      if (ok) {
        this.dirty.delete(channelId);
        this.parsed.delete(channelId);
      }
    }
  }
}
