import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as connectClient, type Socket } from 'socket.io-client';
import type { ChatMessage } from '@lait/shared';
import type { ChatServer } from './chat.socket.js';
import { emitToRoom, textFrame } from './room-frames.js';
import { until } from './test/chat-clients.js';

const message = (id: number, text: string): ChatMessage => ({
  id: String(id), channel: 'room-frames', user: { id: 7, nickname: '시청자', role: 'viewer' }, text, createdAt: new Date(0).toISOString(), nonce: `n${id}`,
});

describe('one frame per socket for a room (emitToRoom)', () => {
  let http: HttpServer;
  let io: ChatServer;
  let url: string;
  const clients: Socket[] = [];

  beforeAll(async () => {
    http = createServer();
    io = new Server(http, { transports: ['websocket', 'polling'], perMessageDeflate: false }) as ChatServer;
    io.on('connection', (s) => void s.join('room'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await io.close();
  });

  /** A client in the room that records every event it gets, in order. */
  const join = async (transports: ('websocket' | 'polling')[]) => {
    const c = connectClient(url, { transports, forceNew: true, reconnection: false });
    clients.push(c);
    const events: [string, unknown][] = [];
    c.onAny((event: string, payload: unknown) => events.push([event, payload]));
    await new Promise<void>((resolve, reject) => {
      c.once('connect', resolve);
      c.once('connect_error', reject);
    });
    await until('the socket in the room', () => (io.of('/').adapter.rooms.get('room')?.has(c.id!) ?? false));
    return events;
  };

  it('frames Hangul batches of every header length the same way Socket.IO would', async () => {
    const ws = await join(['websocket']);
    const polling = await join(['polling']);
    const batches = [
      [message(1, '안녕')], // a packet of < 126 bytes would fit the 7-bit length; this one takes 16 bits
      [message(2, 'ㅋ'.repeat(200))], // 126..65535: 16-bit length
      [message(3, '라잇'.repeat(12_000))], // ≥ 65536: 64-bit length
    ];
    // The websocket's frames bypass engine.io's packet queue; the long-polling socket's go through it.
    const packets = { websocket: 0, polling: 0 };
    for (const [transport, c] of [['websocket', clients.at(-2)!], ['polling', clients.at(-1)!]] as const) {
      io.of('/').sockets.get(c.id!)!.conn.on('packetCreate', (p: { type: string }) => p.type === 'message' && packets[transport]++);
    }
    for (const batch of batches) expect(emitToRoom(io, 'room', 'chat:messages', batch)).toBe(2);
    expect(packets).toEqual({ websocket: 0, polling: 3 });
    for (const events of [ws, polling]) {
      await until('three frames', () => events.length === 3);
      expect(events).toEqual(batches.map((b) => ['chat:messages', b]));
    }
  });

  it('keeps a socket’s events in order around it, and tells outgoing watchers', async () => {
    const events = await join(['websocket']);
    const socket = io.of('/').sockets.get(clients.at(-1)!.id!)!;
    const seen: string[] = [];
    const watch = (event: string) => seen.push(event);
    socket.onAnyOutgoing(watch);
    // Each emit leaves engine.io's transport busy until its write completes: the next goes after it.
    socket.emit('chat:notice', { channel: 'room-frames', code: 'SLOW_MODE', message: 'x'.repeat(100_000) } as never);
    emitToRoom(io, 'room', 'chat:messages', [message(10, 'first')]);
    io.to('room').emit('chat:cleared', { channel: 'room-frames' } as never);
    emitToRoom(io, 'room', 'chat:messages', [message(11, 'second')]);
    await until('four events', () => events.length === 4);
    expect(events.map(([e]) => e)).toEqual(['chat:notice', 'chat:messages', 'chat:cleared', 'chat:messages']);
    expect(seen).toContain('chat:messages');
    socket.offAnyOutgoing(watch);
  });

  it('writes RFC 6455 headers: 7-bit, 16-bit and 64-bit payload lengths', () => {
    expect([...textFrame(Buffer.alloc(125)).subarray(0, 2)]).toEqual([0x81, 125]);
    expect([...textFrame(Buffer.alloc(126)).subarray(0, 4)]).toEqual([0x81, 126, 0, 126]);
    const big = textFrame(Buffer.alloc(65_536));
    expect([...big.subarray(0, 10)]).toEqual([0x81, 127, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(big.length).toBe(65_546);
  });

  it('counts nobody in an empty room', () => {
    expect(emitToRoom(io, 'nobody-here', 'chat:messages', [message(20, 'x')])).toBe(0);
  });
});
