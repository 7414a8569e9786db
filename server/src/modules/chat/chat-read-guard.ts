import { Semaphore } from '../../lib/semaphore.js';
import { ChatError } from './chat.errors.js';
import type { BucketShape, ChatLimits } from './chat-limits.js';
import type { ChatSocket } from './chat.socket.js';

export interface ReadGuardOptions {
  /** Joins, leaves and history pages per socket (kept on the socket). */
  perSocket: BucketShape;
  /** The same per client address, across sockets (and processes, with Redis). */
  perAddress: BucketShape;
  /** Requests of one socket waiting behind the one it has running; past that, refused at once. */
  queuedPerSocket: number;
  /** History reads running at once in this process, and waiting for a turn. */
  concurrentReads: number;
  waitingReads: number;
  /** Refusals in a row after which the socket is dropped: it is not listening to them. */
  strikesToDisconnect: number;
}

/** What a socket keeps for the guard. */
export interface ReadQueue {
  pending: number;
  tail: Promise<void>;
  bucket: { at: number; tokens: number } | null;
  strikes: number;
}

export const newReadQueue = (): ReadQueue => ({ pending: 0, tail: Promise.resolve(), bucket: null, strikes: 0 });

const rateLimited = (waitMs: number) => new ChatError('CHAT_RATE_LIMITED', 'Too many requests; slow down', Math.max(1, Math.ceil(waitMs / 1000)));
const busy = () => new ChatError('CHAT_UNAVAILABLE', 'Chat is busy; try again shortly', 1);

/**
 * Bounds the work joins and history pages can make the server do (issue 9, High #1): one request
 * running per socket (a few more may wait their turn), token buckets per socket and per address,
 * and a process-wide cap on reads in flight. Each refusal is cheap and typed; a socket that keeps
 * going regardless is disconnected.
 */
export class ChatReadGuard {
  private readonly reads: Semaphore;

  constructor(
    private readonly limits: ChatLimits,
    private readonly o: ReadGuardOptions,
  ) {
    this.reads = new Semaphore(o.concurrentReads, o.waitingReads);
  }

  async run<T>(socket: ChatSocket, fn: () => Promise<T>): Promise<T> {
    const q = socket.data.reads;
    if (q.pending > this.o.queuedPerSocket) throw this.strike(socket, rateLimited(1000));
    const wait = takeToken(q, this.o.perSocket, Date.now());
    if (wait > 0) throw this.strike(socket, rateLimited(wait));
    q.pending += 1;
    const previous = q.tail;
    let done = () => {};
    q.tail = new Promise<void>((resolve) => (done = resolve));
    try {
      await previous;
      const addressWait = await this.limits.take(`read:${socket.data.address}`, this.o.perAddress);
      if (addressWait > 0) throw this.strike(socket, rateLimited(addressWait));
      const release = await this.reads.acquire();
      if (!release) throw busy();
      q.strikes = 0;
      try {
        return await fn();
      } finally {
        release();
      }
    } finally {
      q.pending -= 1;
      done();
    }
  }

  private strike(socket: ChatSocket, err: ChatError): ChatError {
    socket.data.reads.strikes += 1;
    if (socket.data.reads.strikes >= this.o.strikesToDisconnect) socket.disconnect(true);
    return err;
  }
}

function takeToken(q: ReadQueue, { burst, perSec }: BucketShape, now: number): number {
  const tokens = q.bucket ? Math.min(burst, q.bucket.tokens + ((now - q.bucket.at) / 1000) * perSec) : burst;
  if (tokens < 1) return Math.ceil(((1 - tokens) / perSec) * 1000);
  q.bucket = { at: now, tokens: tokens - 1 };
  return 0;
}
