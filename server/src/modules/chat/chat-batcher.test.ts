import { describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import type { ChatMessage } from '@lait/shared';
import { ChatBatcher } from './chat-batcher.js';
import type { ChatMessageRow } from './chat.entities.js';
import type { ChatMessageRepository } from './chat-message.repository.js';
import type { ChatEmitter } from './chat-emitter.js';
import type { ChatHistory } from './chat-history.js';
import type { ChatIds } from './chat-ids.js';

function setup(insert: (rows: ChatMessageRow[]) => Promise<void>) {
  let next = 1;
  const frames: ChatMessage[][] = [];
  const tickEnds: number[] = [];
  const messages = { insertMany: vi.fn(insert), findByNonce: vi.fn(async () => null) } as unknown as ChatMessageRepository;
  const ids = { allocate: async (_c: number, n: number) => ((next += n), next - n), reseed: () => {} } as unknown as ChatIds;
  const history = { append: async () => {} } as unknown as ChatHistory;
  // What sockets would get: the outbox sends no empty frame.
  const emitter = {
    messages: (c: number, batch: ChatMessage[]) => {
      tickEnds.push(c);
      if (batch.length > 0) frames.push(batch);
    },
  } as unknown as ChatEmitter;
  const log = { warn: () => {} } as unknown as FastifyBaseLogger;
  return { batcher: new ChatBatcher({ messages, ids, history, emitter, log }, () => 20), messages, frames, tickEnds };
}
const send = (i: number, nonce = `nonce-${i}-xxxx`) => ({ userId: 1 + (i % 3), nickname: 'n', role: 'viewer' as const, text: `m${i}`, nonce });

describe('ChatBatcher', () => {
  it('stores a tick of sends with one INSERT and broadcasts them as one frame, in id order', async () => {
    const { batcher, messages, frames } = setup(async () => {});
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => batcher.enqueue(7, 'room', send(i))));
    expect(messages.insertMany).toHaveBeenCalledTimes(1);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.map((m) => m.id)).toEqual(results.map((r) => r.id));
    expect(results.map((r) => Number(r.id))).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
  });

  it('runs a tick without sends of its own when asked (for other processes\' messages), and joins sends that come meanwhile', async () => {
    const { batcher, messages, frames, tickEnds } = setup(async () => {});
    batcher.tick(7);
    expect(batcher.pending(7)).toBe(true);
    const sent = batcher.enqueue(7, 'room', send(1));
    batcher.tick(7);
    await sent;
    expect(tickEnds).toEqual([7]);
    expect(messages.insertMany).toHaveBeenCalledTimes(1);
    expect(frames).toHaveLength(1);
    await vi.waitFor(() => expect(batcher.pending(7)).toBe(false));
    batcher.tick(7);
    await vi.waitFor(() => expect(tickEnds).toEqual([7, 7]));
    expect(frames).toHaveLength(1);
  });

  it('gives a nonce sent twice in one tick one row and the same id', async () => {
    const { batcher, frames } = setup(async () => {});
    const [a, b] = await Promise.all([batcher.enqueue(7, 'room', send(1, 'same-nonce')), batcher.enqueue(7, 'room', send(1, 'same-nonce'))]);
    expect(a).toEqual(b);
    expect(frames[0]).toHaveLength(1);
    expect(batcher.knownNonce(7, 2, 'same-nonce')).toEqual(a);
  });

  it('acknowledges nothing when storage fails', async () => {
    const { batcher, frames } = setup(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    await expect(batcher.enqueue(7, 'room', send(1))).rejects.toMatchObject({ code: 'CHAT_UNAVAILABLE' });
    expect(frames).toHaveLength(0);
  });
});
