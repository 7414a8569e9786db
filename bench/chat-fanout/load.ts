import WebSocket from 'ws';
import { io } from 'socket.io-client';

export interface Receivers {
  /** Messages received by all sockets. */
  deliveries(): number;
  /** send→receive in ms, from the sampled sockets. */
  latencies: number[];
  close(): void;
}

const NONCE = Buffer.from('"nonce":');
const MESSAGES = Buffer.from('42["chat:messages"');

/**
 * N receivers speaking the Engine.IO/Socket.IO wire protocol over raw `ws`, so that the load
 * generator stays cheaper than the servers it measures: unsampled sockets only count messages
 * in each frame; sampled ones parse it for latency.
 * @see https://socket.io/docs/v4/socket-io-protocol/
 */
export async function connectReceivers(port: number, slug: string, n: number, sampleEvery: number): Promise<Receivers> {
  let count = 0;
  const sockets: WebSocket[] = [];
  const latencies: number[] = [];
  const one = (sampled: boolean) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false });
      sockets.push(ws);
      ws.on('error', reject);
      ws.on('message', (raw: Buffer) => {
        // Counted on the raw bytes: decoding 40k frames a second would make the generator the bottleneck.
        if (raw.subarray(0, MESSAGES.length).equals(MESSAGES)) {
          let at = 0;
          while ((at = raw.indexOf(NONCE, at) + 1) > 0) count++;
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
        else if (data.startsWith('431')) resolve();
      });
    });
  for (let i = 0; i < n; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, n - i) }, (_, k) => one((i + k) % sampleEvery === 0)));
  }
  return { deliveries: () => count, latencies, close: () => sockets.forEach((s) => s.terminate()) };
}

/** One sender emitting `perSec` messages a second (in 10 ms steps), each stamped with its send time. */
export async function startSender(port: number, slug: string, token: string, perSec: number) {
  const s = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: token ? { token } : {} });
  await new Promise<void>((resolve) => s.once('connect', () => s.emit('chat:join', { channel: slug }, () => resolve())));
  let sent = 0;
  let refused = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * perSec);
    while (sent < due) {
      sent++;
      s.emit('chat:send', { channel: slug, text: `bench message ${sent} ${performance.now()}`, nonce: `bench-${sent}-${started | 0}` }, (ack: { ok: boolean }) => {
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
