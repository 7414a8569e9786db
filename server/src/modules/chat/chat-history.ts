import type { Redis } from 'ioredis';
import type { ChatMessage } from '@lait/shared';
import { toChatMessage, type ChatMessageRepository } from './chat-message.repository.js';
import type { RedisGate } from './chat-redis.js';

/** What a joining client gets without sinceId. */
export const HISTORY_SIZE = 200;
/** Longest catch-up on reconnect; a client away longer gets the latest HISTORY_SIZE instead. */
const CATCH_UP_LIMIT = 2000;
const DELETED_TTL_SEC = 86_400;

/**
 * Recent messages per channel for joins: a capped Redis list (shared by all processes) or, without
 * Redis, an in-process ring. The database stays the truth: it answers whatever the cache cannot
 * cover (a reconnect from further back, Redis down, a fresh process).
 */
export class ChatHistory {
  private readonly memory = new Map<number, ChatMessage[]>();
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

  /** The latest visible messages, oldest first. */
  async recent(channelId: number, slug: string): Promise<ChatMessage[]> {
    const cached = await this.cached(channelId, slug);
    if (cached && cached.raw.length > 0) return cached.visible;
    return (await this.messages.recent(channelId, HISTORY_SIZE)).map((r) => toChatMessage(r, slug));
  }

  /** Exactly the visible messages after `sinceId`, in id order. */
  async since(channelId: number, slug: string, sinceId: number): Promise<ChatMessage[]> {
    const cached = await this.cached(channelId, slug);
    // The cache covers the gap only if it still holds sinceId itself or something older.
    const first = cached?.raw[0];
    if (cached && first && Number(first.id) <= sinceId) {
      return cached.visible.filter((m) => Number(m.id) > sinceId).sort((a, b) => Number(a.id) - Number(b.id));
    }
    const rows = await this.messages.after(channelId, sinceId, CATCH_UP_LIMIT);
    return rows.map((r) => toChatMessage(r, slug));
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
    });
  }

  /** Raw list (for coverage) and what of it is visible; null when only the database can answer. */
  private async cached(channelId: number, slug: string): Promise<{ raw: ChatMessage[]; visible: ChatMessage[] } | null> {
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
      const [list, deleted] = await Promise.all([r.lrange(this.gate.key('hist', channelId), 0, -1), r.smembers(this.gate.key('deleted', channelId))]);
      // Lists rebuilt after an outage carry no slug; the caller knows it.
      const raw = list.map((s) => ({ ...(JSON.parse(s) as ChatMessage), channel: slug }));
      const gone = new Set(deleted);
      return { raw, visible: gone.size === 0 ? raw : raw.filter((m) => !gone.has(m.id)) };
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
      if (ok) this.dirty.delete(channelId);
    }
  }
}
