import type { FastifyBaseLogger } from 'fastify';
import type { ChatRole, ChatSendResult } from '@lait/shared';
import type { ChatMessageRow } from './chat.entities.js';
import { isDuplicateKey, toChatMessage, type ChatMessageRepository } from './chat-message.repository.js';
import type { ChatEmitter } from './chat-emitter.js';
import { unavailable } from './chat.errors.js';
import type { ChatHistory } from './chat-history.js';
import type { ChatIds } from './chat-ids.js';

export interface PendingSend {
  userId: number;
  nickname: string;
  role: ChatRole;
  text: string;
  nonce: string;
}

interface Waiter extends PendingSend {
  resolve(result: ChatSendResult): void;
  reject(err: Error): void;
}

interface Room {
  slug: string;
  pending: Waiter[];
  timer: NodeJS.Timeout | null;
  flushing: boolean;
  /** Flushes of one room run one after another, so ids reach clients in order. */
  chain: Promise<void>;
}

const NONCE_CACHE_SIZE = 50_000;

/**
 * Gathers a room's sends for one tick, stores them with one multi-row INSERT, then appends them to
 * history and broadcasts them as ONE frame. A send is acknowledged only after its row is stored.
 * @see /work/shared/FIELD-NOTES.md "Chat fan-out": the cost is per frame per socket.
 */
export class ChatBatcher {
  private readonly rooms = new Map<number, Room>();
  private readonly nonces = new Map<string, ChatSendResult>();

  /**
   * @param tickMs a room's tick: how long its sends gather before one INSERT and one frame
   * (`tickForSockets` of its local sockets in the app; fixed in tests).
   */
  constructor(
    private readonly deps: { messages: ChatMessageRepository; ids: ChatIds; history: ChatHistory; emitter: ChatEmitter; log: FastifyBaseLogger },
    private readonly tickMs: (channelId: number) => number = () => 50,
  ) {}

  /** Whether sends of the room are gathering or being stored (their frame is due within a tick). */
  pending(channelId: number): boolean {
    const room = this.rooms.get(channelId);
    return room !== undefined && (room.timer !== null || room.flushing);
  }

  /** The stored result of a nonce this process saw recently (a resend). */
  knownNonce(channelId: number, userId: number, nonce: string): ChatSendResult | undefined {
    return this.nonces.get(`${channelId}:${userId}:${nonce}`);
  }

  enqueue(channelId: number, slug: string, send: PendingSend): Promise<ChatSendResult> {
    const r = this.room(channelId);
    r.slug = slug;
    const result = new Promise<ChatSendResult>((resolve, reject) => r.pending.push({ ...send, resolve, reject }));
    this.schedule(channelId, r);
    return result;
  }

  /**
   * Starts the room's tick if none runs, with or without sends: messages other processes stored go
   * out with this tick's frame (ChatOutbox), so a socket gets one frame per tick.
   */
  tick(channelId: number): void {
    this.schedule(channelId, this.room(channelId));
  }

  private room(channelId: number): Room {
    let room = this.rooms.get(channelId);
    if (!room) {
      room = { slug: '', pending: [], timer: null, flushing: false, chain: Promise.resolve() };
      this.rooms.set(channelId, room);
    }
    return room;
  }

  private schedule(channelId: number, r: Room): void {
    r.timer ??= setTimeout(() => {
      r.timer = null;
      r.flushing = true;
      r.chain = r.chain.then(() => this.flush(channelId, r));
    }, this.tickMs(channelId));
  }

  /** Stores everything pending now (shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.rooms].map(([channelId, r]) => {
      if (r.timer) clearTimeout(r.timer);
      r.timer = null;
      r.flushing = true;
      return (r.chain = r.chain.then(() => this.flush(channelId, r)));
    }));
  }

  private async flush(channelId: number, room: Room): Promise<void> {
    const batch = room.pending;
    room.pending = [];
    try {
      await this.storeAndAck(channelId, room, batch);
    } finally {
      room.flushing = false;
    }
  }

  private async storeAndAck(channelId: number, room: Room, batch: Waiter[]): Promise<void> {
    // A tick without sends of its own still frames what other processes sent.
    if (batch.length === 0) return this.deps.emitter.messages(channelId, []);
    // A nonce sent twice within one tick is one message with two waiters.
    const groups = new Map<string, Waiter[]>();
    for (const w of batch) {
      const key = `${w.userId}:${w.nonce}`;
      const g = groups.get(key);
      if (g) g.push(w);
      else groups.set(key, [w]);
    }
    try {
      const rows = await this.rowsFor(channelId, [...groups.values()].map((g) => g[0]!));
      const stored = await this.store(channelId, rows);
      const fresh = rows.filter((row) => stored.get(`${row.userId}:${row.nonce}`)?.id === String(row.id)).map((row) => toChatMessage(row, room.slug))
        .sort((a, b) => Number(a.id) - Number(b.id));
      await this.deps.history.append(channelId, fresh);
      // The tick's frame, with what other processes sent meanwhile (see ChatOutbox).
      this.deps.emitter.messages(channelId, fresh);
      if (fresh.length > 0) await this.deps.emitter.published?.();
      for (const [key, waiters] of groups) {
        const result = stored.get(key)!;
        this.remember(`${channelId}:${key}`, result);
        for (const w of waiters) w.resolve(result);
      }
    } catch (err) {
      this.deps.log.warn({ err: (err as Error).message, channelId, count: batch.length }, 'chat: could not store messages');
      for (const w of batch) w.reject(unavailable());
      // Nothing of this tick to send; what other processes sent goes out all the same.
      this.deps.emitter.messages(channelId, []);
    }
  }

  private async rowsFor(channelId: number, sends: PendingSend[]): Promise<ChatMessageRow[]> {
    const first = await this.deps.ids.allocate(channelId, sends.length);
    const createdAt = new Date();
    return sends.map((s, i) => ({ channelId, id: first + i, ...s, createdAt, deletedAt: null }));
  }

  /** Returns (user:nonce) → result; resent nonces get the original's id and text. */
  private async store(channelId: number, rows: ChatMessageRow[]): Promise<Map<string, ChatSendResult>> {
    const out = new Map<string, ChatSendResult>();
    try {
      await this.deps.messages.insertMany(rows);
      for (const r of rows) out.set(`${r.userId}:${r.nonce}`, { id: String(r.id), text: r.text });
      return out;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    // Rare path: a resent nonce, or an id taken while processes counted without Redis.
    for (const row of rows) out.set(`${row.userId}:${row.nonce}`, await this.storeOne(channelId, row));
    return out;
  }

  private async storeOne(channelId: number, row: ChatMessageRow, attempt = 0): Promise<ChatSendResult> {
    const existing = await this.deps.messages.findByNonce(channelId, row.userId, row.nonce);
    if (existing) return { id: String(existing.id), text: existing.text };
    try {
      await this.deps.messages.insertMany([row]);
      return { id: String(row.id), text: row.text };
    } catch (err) {
      if (!isDuplicateKey(err) || attempt > 2) throw err;
      this.deps.ids.reseed(channelId);
      row.id = await this.deps.ids.allocate(channelId, 1);
      return this.storeOne(channelId, row, attempt + 1);
    }
  }

  private remember(key: string, result: ChatSendResult): void {
    this.nonces.set(key, result);
    if (this.nonces.size > NONCE_CACHE_SIZE) this.nonces.delete(this.nonces.keys().next().value!);
  }
}
