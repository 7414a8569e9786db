import type { AddressInfo } from 'node:net';
import { io as connectClient } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { until } from '../modules/chat/test/chat-clients.js';
import { useTestApp, type TestApp } from '../test/test-app.js';

/**
 * Connects a real Socket.IO client that claims `forwardedFor`, and answers the address the server
 * counts the socket under (its per-address chat limits; the upgrade request itself is dropped once read).
 */
async function socketAddress(t: TestApp, forwardedFor: string): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ host: '127.0.0.1', port: 0 });
  const seen: string[] = [];
  const onConnection = (socket: { data: { address: string } }) => seen.push(socket.data.address);
  t.app.io.on('connection', onConnection);
  const { port } = t.app.server.address() as AddressInfo;
  const client = connectClient(`http://127.0.0.1:${port}`, { path: '/socket.io', transports: ['websocket'], extraHeaders: { 'x-forwarded-for': forwardedFor }, reconnection: false, forceNew: true });
  try {
    await until('the socket to connect', () => seen.length > 0);
    return seen[0]!;
  } finally {
    client.close();
    t.app.io.off('connection', onConnection);
  }
}

describe('client address without TRUST_PROXY', () => {
  const t = useTestApp('sqlite');

  it('ignores X-Forwarded-For on sockets: the peer is the client', async () => {
    expect(await socketAddress(t, '203.0.113.9')).toBe('127.0.0.1');
  });
});

describe('client address behind a trusted proxy', () => {
  const t = useTestApp('sqlite', { TRUST_PROXY: '127.0.0.0/8' });

  it("takes the proxy's X-Forwarded-For on sockets, skipping only trusted hops", async () => {
    expect(await socketAddress(t, '203.0.113.9')).toBe('203.0.113.9');
    expect(await socketAddress(t, '198.51.100.1, 203.0.113.9, 127.0.0.5')).toBe('203.0.113.9');
  });
});
