import { LRUCache } from 'lru-cache';
import type { ExtendedError } from 'socket.io';
import type { BucketShape } from './chat-limits.js';
import { newReadQueue } from './chat-read-guard.js';
import type { ChatSocket } from './chat.socket.js';

export interface ConnectionLimits {
  /** Open sockets per address. */
  maxPerAddress: number;
  /** New sockets per address over time: a dropped socket cannot simply come back at once, forever. */
  connects: BucketShape;
}

const refusal = (message: string, retryAfterSec: number) => {
  const data = { code: 'CHAT_RATE_LIMITED', message, retryAfterSec };
  return Object.assign(new Error(data.code), { data });
};

/**
 * Open sockets per client address in this process, capped, and new ones rate-limited: one address
 * cannot hold thousands of sockets (each one memory, and an anonymous viewer in the counts), nor
 * reconnect in a loop. Registered as the last Socket.IO middleware, so a socket it lets through is
 * connected and its disconnect is seen.
 */
export class ChatConnections {
  private readonly perAddress = new Map<string, number>();
  private readonly buckets = new LRUCache<string, { at: number; tokens: number }>({ max: 50_000, ttl: 10 * 60_000 });

  constructor(
    private readonly limits: ConnectionLimits,
    /** The limit key of a socket's client address (trusted proxies already applied). */
    private readonly addressOf: (socket: ChatSocket) => string,
  ) {}

  readonly middleware = (socket: ChatSocket, next: (err?: ExtendedError) => void): void => {
    const address = this.addressOf(socket);
    const open = this.perAddress.get(address) ?? 0;
    if (open >= this.limits.maxPerAddress) return next(refusal('Too many connections from your address', 30));
    const waitMs = this.take(address, Date.now());
    if (waitMs > 0) return next(refusal('Connecting too often from your address', Math.ceil(waitMs / 1000)));
    this.perAddress.set(address, open + 1);
    socket.data.address = address;
    socket.data.reads = newReadQueue();
    socket.once('disconnect', () => this.release(address));
    // The upgrade request (with its socket and parser state) is kept for the whole connection
    // unless dropped; nothing reads it after this last middleware (the handshake copied its
    // headers). @see https://socket.io/docs/v4/memory-usage/
    (socket.conn as unknown as { request: unknown }).request = null;
    next();
  };

  count(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }

  private take(address: string, now: number): number {
    const { burst, perSec } = this.limits.connects;
    const b = this.buckets.get(address);
    const tokens = b ? Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSec) : burst;
    if (tokens < 1) return Math.ceil(((1 - tokens) / perSec) * 1000);
    this.buckets.set(address, { at: now, tokens: tokens - 1 });
    return 0;
  }

  private release(address: string): void {
    const open = (this.perAddress.get(address) ?? 1) - 1;
    if (open <= 0) this.perAddress.delete(address);
    else this.perAddress.set(address, open);
  }
}
