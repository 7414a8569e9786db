import { IPC_EVENT_NAMES } from '@lait/shared';
import { WebSocketServer, type WebSocket } from 'ws';
import type { IpcEventSource } from './ipc-events.js';
import type { IpcRegistry } from './ipc-registry.js';

// Same wire format as renderer/src/lib/bridge.ts: JSON text, bytes as { "$bytes": base64 }.
const BYTES = '$bytes';
const encode = (msg: unknown) =>
  JSON.stringify(msg, (_k, v: unknown) => (v instanceof Uint8Array ? { [BYTES]: Buffer.from(v).toString('base64') } : v));
const decode = (text: string): unknown =>
  JSON.parse(text, (_k, v: unknown) =>
    v && typeof v === 'object' && BYTES in v ? new Uint8Array(Buffer.from(String((v as Record<string, unknown>)[BYTES]), 'base64')) : v,
  );

/**
 * Serves the IPC contract over WebSocket on loopback, so the renderer can run in plain
 * (headless) Chromium against a real engine in tests. Same registry, same validation as
 * Electron's ipcMain; never started by the desktop app itself.
 */
export async function startWsBridgeServer(opts: { registry: IpcRegistry; events: IpcEventSource; port?: number; allowedOrigins?: string[] }) {
  // Any page the user opens could try ws://127.0.0.1:<port>: when origins are given, only those
  // pages may drive the broadcaster (browsers always send Origin on a WebSocket handshake).
  const allowed = opts.allowedOrigins;
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: opts.port ?? 0,
    ...(allowed && { verifyClient: ({ origin }: { origin: string }) => allowed.includes(origin) }),
  });
  await new Promise<void>((resolve) => wss.once('listening', resolve));
  const clients = new Set<WebSocket>();
  const offs = IPC_EVENT_NAMES.map((event) =>
    opts.events.on(event, (payload: unknown) => {
      const frame = encode({ event, payload });
      clients.forEach((ws) => ws.send(frame));
    }),
  );
  wss.on('connection', (ws) => {
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('message', (data) => {
      let msg: { id?: unknown; channel?: unknown; args?: unknown };
      try {
        msg = decode(String(data)) as typeof msg;
      } catch {
        return;
      }
      if (typeof msg.id !== 'number') return;
      const id = msg.id;
      void opts.registry.dispatch(msg.channel, msg.args).then((ack) => ws.send(encode({ id, ack })));
    });
  });
  const address = wss.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => {
      offs.forEach((off) => off());
      clients.forEach((ws) => ws.terminate());
      return new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
