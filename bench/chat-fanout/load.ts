import WebSocket from 'ws';
import { io } from 'socket.io-client';

export interface Receivers {
  /** Messages received by all sockets. */
  deliveries(): number;
  /** send→receive in ms, from the sampled sockets. */
  latencies: number[];
  /** chat:messages frames received by all sockets (a frame carries one process's messages of one tick). */
  frames(): number;
  /** Joins the server refused (busy) and the receiver sent again. */
  joinRetries(): number;
  /**
   * With `track`: (receiver, message) pairs never delivered among the messages each sender sent,
   * and extra copies of messages a receiver already had.
   */
  exactness(sentBySender: number[]): { lost: number; duplicates: number };
  close(): void;
}

/** Exactly-once accounting: sender `k` of `senders` stamps its n-th message (1-based) `k:n`. */
export interface Track { senders: number; perSender: number }

const NONCE = Buffer.from('"nonce":');
const MESSAGES = Buffer.from('42["chat:messages"');
const TEXT = Buffer.from('"text":"bench message ');

/**
 * N receivers speaking the Engine.IO/Socket.IO wire protocol over raw `ws`, so that the load
 * generator stays cheaper than the servers it measures: unsampled sockets only count messages
 * in each frame; sampled ones parse it for latency.
 * @see https://socket.io/docs/v4/socket-io-protocol/
 */
export async function connectReceivers(port: number, slug: string, n: number, sampleEvery: number, track?: Track): Promise<Receivers> {
  let count = 0;
  let joinRetries = 0;
  let frames = 0;
  const sockets: WebSocket[] = [];
  const latencies: number[] = [];
  // One byte per message per receiver (1,000 receivers × 2,000 messages = 2 MB): saturates at 255.
  const seen: Uint8Array[] = [];
  const one = (sampled: boolean) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
      sockets.push(ws);
      const mine = track ? new Uint8Array(track.senders * track.perSender) : null;
      if (mine) seen.push(mine);
      let tries = 0;
      ws.on('error', reject);
      ws.on('message', (raw: Buffer) => {
        // Counted on the raw bytes: decoding 40k frames a second would make the generator the bottleneck.
        if (raw.subarray(0, MESSAGES.length).equals(MESSAGES)) {
          frames++;
          let at = 0;
          while ((at = raw.indexOf(NONCE, at) + 1) > 0) count++;
          if (mine) {
            at = 0;
            while ((at = raw.indexOf(TEXT, at)) >= 0) {
              at += TEXT.length;
              let k = 0;
              let c: number;
              while ((c = raw[at++]!) !== 58 /* : */) k = k * 10 + c - 48;
              let seq = 0;
              while ((c = raw[at++]!) !== 32 /* space */) seq = seq * 10 + c - 48;
              const i = (seq - 1) * track!.senders + k;
              if (i < mine.length && mine[i]! < 255) mine[i]!++;
            }
          }
          if (!sampled) return;
          const now = performance.now();
          const [, batch] = JSON.parse(raw.toString('utf8', 2)) as [string, { text: string }[]];
          for (const m of batch) latencies.push(now - Number(m.text.slice(m.text.lastIndexOf(' ') + 1)));
          return;
        }
        const data = raw.toString();
        if (data === '2') ws.send('3');
        else if (data.startsWith('0{')) ws.send('40');
        else if (data.startsWith('40')) ws.send(`421${JSON.stringify(['chat:join', { channel: slug }])}`);
        else if (data.startsWith('431')) {
          // A refused join (the server caps joins in flight: CHAT_UNAVAILABLE) is retried after
          // retryAfterSec, as the real client does; counted, and the run fails after 20 refusals.
          const ack = (JSON.parse(data.slice(3)) as [{ ok: boolean; error?: { code: string; retryAfterSec?: number } }])[0];
          if (ack.ok) return resolve();
          if (++tries > 20) return reject(new Error(`chat:join refused 20 times: ${ack.error?.code}`));
          joinRetries++;
          setTimeout(() => ws.send(`421${JSON.stringify(['chat:join', { channel: slug }])}`), (ack.error?.retryAfterSec ?? 1) * 1000);
        }
      });
    });
  for (let i = 0; i < n; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => one((i + k) % sampleEvery === 0)));
  }
  const exactness = (sentBySender: number[]) => {
    let lost = 0;
    let duplicates = 0;
    const senders = track?.senders ?? 1;
    for (const mine of seen) {
      for (let i = 0; i < mine.length; i++) {
        const c = mine[i]!;
        if (c > 1) duplicates += c - 1;
        else if (c === 0 && Math.floor(i / senders) < (sentBySender[i % senders] ?? 0)) lost++;
      }
    }
    return { lost, duplicates };
  };
  return { deliveries: () => count, joinRetries: () => joinRetries, frames: () => frames, latencies, exactness, close: () => sockets.forEach((s) => s.terminate()) };
}

/**
 * One sender emitting `perSec` messages a second (in 10 ms steps), each stamped `index:n` and with
 * its send time; it stops by itself after `max` messages.
 */
export async function startSender(port: number, slug: string, token: string, perSec: number, index = 0, max = Infinity) {
  const s = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} });
  await new Promise<void>((resolve) => s.once('connect', () => s.emit('chat:join', { channel: slug }, () => resolve())));
  let sent = 0;
  let refused = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.min(max, Math.floor(((performance.now() - started) / 1000) * perSec));
    while (sent < due) {
      sent++;
      s.emit('chat:send', { channel: slug, text: `bench message ${index}:${sent} ${performance.now()}`, nonce: `bench-${index}-${sent}-${started | 0}` }, (ack: { ok: boolean }) => {
        if (!ack.ok) refused++;
      });
    }
  }, 10);
  return {
    sent: () => sent,
    refused: () => refused,
    stopSending: () => clearInterval(timer),
    close: () => s.disconnect(),
  };
}
