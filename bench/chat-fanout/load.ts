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
   * and extra copies of messages a receiver already had. A send the server refused is not expected.
   */
  exactness(sentBySender: number[], refusedBySender?: Set<number>[]): { lost: number; duplicates: number };
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
  const exactness = (sentBySender: number[], refusedBySender: Set<number>[] = []) => {
    let lost = 0;
    let duplicates = 0;
    const senders = track?.senders ?? 1;
    for (const mine of seen) {
      for (let i = 0; i < mine.length; i++) {
        const c = mine[i]!;
        if (c > 1) duplicates += c - 1;
        else if (c === 0 && Math.floor(i / senders) < (sentBySender[i % senders] ?? 0) && !refusedBySender[i % senders]?.has(Math.floor(i / senders) + 1)) lost++;
      }
    }
    return { lost, duplicates };
  };
  return { deliveries: () => count, joinRetries: () => joinRetries, frames: () => frames, latencies, exactness, close: () => sockets.forEach((s) => s.terminate()) };
}

/** A signed-in (or, for the peers, anonymous) sender socket that has joined the room. */
export interface Sender {
  /** Messages emitted so far. */
  sent(): number;
  /** Sends the server refused (ack ok: false), and their error codes. */
  refused(): number;
  refusedCodes(): Record<string, number>;
  /** Sequence numbers (1-based) of the refused sends: they are not expected at any receiver. */
  refusedSeqs(): Set<number>;
  /** Acks received (accepted or refused). */
  acked(): number;
  /** Emits what is due at `now` (performance.now()); the driver calls it every 10 ms. */
  tick(now: number): void;
  begin(now: number): void;
  close(): void;
}

/**
 * Sender `index` of `of`: connects and joins, then (from `begin`) emits `perSec` messages a second,
 * each stamped `index:n` and with its send time, and stops by itself after `max` messages. Its phase
 * is offset by index / of of a period, so that many slow senders add up to an even rate instead of
 * all sending in the same instant.
 */
export async function connectSender(port: number, slug: string, token: string, perSec: number, index = 0, of = 1, max = Infinity): Promise<Sender> {
  const s = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} });
  await new Promise<void>((resolve, reject) => {
    s.once('connect_error', reject);
    s.once('connect', () =>
      s.emit('chat:join', { channel: slug }, (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? resolve() : reject(new Error(`sender ${index}: join refused: ${ack.error?.code}`)))),
    );
  });
  let sent = 0;
  let acked = 0;
  const refusedSeqs = new Set<number>();
  const codes: Record<string, number> = {};
  let started = Number.NaN;
  const phase = of > 1 ? index / of : 0;
  return {
    sent: () => sent,
    refused: () => refusedSeqs.size,
    refusedCodes: () => codes,
    refusedSeqs: () => refusedSeqs,
    acked: () => acked,
    begin: (now) => (started = now),
    tick: (now) => {
      if (Number.isNaN(started)) return;
      const due = Math.min(max, Math.floor(((now - started) / 1000) * perSec + phase));
      while (sent < due) {
        const seq = ++sent;
        s.emit('chat:send', { channel: slug, text: `bench message ${index}:${seq} ${performance.now()}`, nonce: `bench-${index}-${seq}-${started | 0}` }, (ack: { ok: boolean; error?: { code: string } }) => {
          acked++;
          if (ack.ok) return;
          refusedSeqs.add(seq);
          const code = ack.error?.code ?? 'unknown';
          codes[code] = (codes[code] ?? 0) + 1;
        });
      }
    },
    close: () => s.disconnect(),
  };
}

/** Drives all senders from one 10 ms timer (one timer per sender would cost the generator more at 150 senders). */
export function startSending(senders: Sender[]): { stop(): void } {
  const now = performance.now();
  senders.forEach((s) => s.begin(now));
  const timer = setInterval(() => {
    const t = performance.now();
    for (const s of senders) s.tick(t);
  }, 10);
  return { stop: () => clearInterval(timer) };
}
