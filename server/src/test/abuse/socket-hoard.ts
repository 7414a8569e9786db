import { io as connectClient, type Socket } from 'socket.io-client';

export interface SocketHoardResult {
  attempted: number;
  connected: number;
  /** Of the connected, how many joined the channel (each an anonymous viewer). */
  joined: number;
  refused: Record<string, number>;
  /** The viewer count the channel's public API showed with every socket still open. */
  viewersShown: number | null;
}

/**
 * Issue 9 (sockets per address): `count` anonymous sockets from one address, each joining the
 * channel, `concurrency` handshakes at a time; then reads the channel's viewer count and lets go.
 */
export async function socketHoard(o: { url: string; channel: string; count: number; concurrency: number; settleMs?: number }): Promise<SocketHoardResult> {
  const result: SocketHoardResult = { attempted: 0, connected: 0, joined: 0, refused: {}, viewersShown: null };
  const open: Socket[] = [];
  const one = async () => {
    result.attempted += 1;
    const socket = connectClient(o.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true });
    const error = await new Promise<string | null>((resolve) => {
      socket.once('connect', () => resolve(null));
      socket.once('connect_error', (err) => resolve((err as { data?: { code?: string } }).data?.code ?? err.message));
    });
    if (error) {
      result.refused[error] = (result.refused[error] ?? 0) + 1;
      socket.close();
      return;
    }
    result.connected += 1;
    open.push(socket);
    const ack = await socket.timeout(10_000).emitWithAck('chat:join', { channel: o.channel }).catch(() => null) as { ok: boolean; error?: { code: string } } | null;
    if (ack?.ok) result.joined += 1;
    else {
      const code = ack?.error?.code ?? 'TIMEOUT';
      result.refused[`join:${code}`] = (result.refused[`join:${code}`] ?? 0) + 1;
    }
  };
  let next = 0;
  await Promise.all(Array.from({ length: o.concurrency }, async () => {
    while (next < o.count) {
      next += 1;
      await one();
    }
  }));
  // Viewer counts are gathered on a tick: give it time, then read what the site shows.
  await new Promise((r) => setTimeout(r, o.settleMs ?? 3000));
  try {
    const res = await fetch(`${o.url}/api/channels/${o.channel}`);
    result.viewersShown = ((await res.json()) as { viewerCount?: number }).viewerCount ?? null;
  } catch {
    result.viewersShown = null;
  }
  for (const s of open) s.close();
  return result;
}
