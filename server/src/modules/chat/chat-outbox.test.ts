import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage } from '@lait/shared';
import { ChatOutbox, tickForSockets } from './chat-outbox.js';

const msg = (id: number): ChatMessage => ({
  id: String(id), channel: 'c', user: { id: 1, nickname: 'n', role: 'viewer' }, text: `m${id}`, createdAt: new Date(0).toISOString(),
} as ChatMessage);
const ids = (frame: ChatMessage[]) => frame.map((m) => Number(m.id));

function setup(sockets = 2000) {
  const frames: number[][] = [];
  let pending = false;
  const ticks: number[] = [];
  const outbox = new ChatOutbox({
    emitLocal: (_c, batch) => frames.push(ids(batch)),
    tickMs: () => tickForSockets(sockets),
    localTickPending: () => pending,
    // The batcher's tick: pending until its end hands this process's messages to the outbox.
    startLocalTick: (c) => {
      ticks.push(c);
      pending = true;
    },
  });
  const endTick = (channelId: number, batch: ChatMessage[]) => {
    pending = false;
    outbox.local(channelId, batch);
  };
  return { outbox, frames, ticks, endTick, setPending: (p: boolean) => (pending = p) };
}

describe('ChatOutbox', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("puts another process's batch into this process's next frame of the room, in id order: one frame per tick", () => {
    const { outbox, frames, endTick, setPending } = setup();
    setPending(true);
    outbox.remote(7, [msg(12), msg(13)]);
    expect(frames).toEqual([]);
    endTick(7, [msg(10), msg(11), msg(14)]);
    expect(frames).toEqual([[10, 11, 12, 13, 14]]);
  });

  it('sends a remote batch at once in a quiet room; in a busy one it starts a tick and goes out at its end', () => {
    const { outbox, frames, ticks, endTick } = setup(2000);
    outbox.remote(7, [msg(1)]);
    expect(frames).toEqual([[1]]);
    expect(ticks).toEqual([]);
    // Right after a frame: the next batch waits for this process's tick, and so does one after it.
    outbox.remote(7, [msg(2)]);
    outbox.remote(7, [msg(3)]);
    expect(frames).toEqual([[1]]);
    expect(ticks).toEqual([7, 7]);
    endTick(7, [msg(4)]);
    expect(frames).toEqual([[1], [2, 3, 4]]);
    // Two ticks of quiet: at once again.
    vi.advanceTimersByTime(2 * tickForSockets(2000));
    outbox.remote(7, [msg(5)]);
    expect(frames).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('does not hold a remote batch for long when the local tick never ends (a store stuck on the database)', () => {
    const { outbox, frames, setPending } = setup(100);
    setPending(true);
    outbox.remote(7, [msg(5)]);
    vi.advanceTimersByTime(3 * tickForSockets(100) - 1);
    expect(frames).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(frames).toEqual([[5]]);
  });

  it('releases held messages before a room event, so no socket hears of a deletion before the message', () => {
    const { outbox, frames, endTick, setPending } = setup();
    setPending(true);
    outbox.remote(7, [msg(3)]);
    outbox.release(7);
    expect(frames).toEqual([[3]]);
    // Released once: the tick's frame has only its own.
    endTick(7, [msg(4)]);
    expect(frames).toEqual([[3], [4]]);
  });

  it('keeps rooms apart and sends nothing for an empty tick', () => {
    const { outbox, frames, setPending } = setup();
    setPending(true);
    outbox.remote(1, [msg(1)]);
    outbox.local(2, []);
    expect(frames).toEqual([]);
    outbox.local(1, []);
    expect(frames).toEqual([[1]]);
  });
});

describe('tickForSockets', () => {
  it('ticks every 50 ms up to 500 local sockets and stretches to 75 ms at 750 and beyond', () => {
    expect(tickForSockets(0)).toBe(50);
    expect(tickForSockets(500)).toBe(50);
    expect(tickForSockets(600)).toBe(60);
    expect(tickForSockets(750)).toBe(75);
    expect(tickForSockets(20_000)).toBe(75);
  });

  it("stretches to the operator's busy-room tick (CHAT_BUSY_ROOM_TICK_MS), never below 50 ms", () => {
    expect(tickForSockets(400, 125)).toBe(50);
    expect(tickForSockets(1000, 125)).toBe(100);
    expect(tickForSockets(2000, 125)).toBe(125);
    expect(tickForSockets(2000, 50)).toBe(50);
  });
});
