import { randomBytes } from 'node:crypto';
import { io as connectClient } from 'socket.io-client';

export interface SlugFloodResult {
  sent: number;
  /** Answered CHANNEL_NOT_FOUND: each one a lookup the server made (what got through). */
  lookedUp: number;
  refused: Record<string, number>;
  sockets: number;
  connectRefused: number;
}

/**
 * Issue 9, Medium #4: joins of random slugs, `inFlight` at a time, from sockets opened one after
 * another (a new one whenever the server drops the last), for `durationMs`.
 */
export async function slugFlood(o: { url: string; inFlight: number; durationMs: number }): Promise<SlugFloodResult> {
  const result: SlugFloodResult = { sent: 0, lookedUp: 0, refused: {}, sockets: 0, connectRefused: 0 };
  const deadline = Date.now() + o.durationMs;
  while (Date.now() < deadline) {
    const socket = connectClient(o.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true });
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    if (!connected) {
      result.connectRefused += 1;
      socket.close();
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    result.sockets += 1;
    await new Promise<void>((resolve) => {
      const stop = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      socket.once('disconnect', () => (clearTimeout(stop), resolve()));
      const fire = () => {
        if (Date.now() >= deadline || !socket.connected) return;
        result.sent += 1;
        socket.emit('chat:join', { channel: `r${randomBytes(8).toString('hex')}` }, (ack: { ok: boolean; error?: { code: string } }) => {
          const code = ack.ok ? 'OK' : ack.error!.code;
          if (code === 'CHANNEL_NOT_FOUND') result.lookedUp += 1;
          else result.refused[code] = (result.refused[code] ?? 0) + 1;
          fire();
        });
      };
      for (let i = 0; i < o.inFlight; i++) fire();
    });
    socket.close();
  }
  return result;
}
