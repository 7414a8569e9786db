import { createLaitApi, type IpcChannel, type IpcEvent, type LaitApi } from '@lait/shared';

/**
 * The renderer's only way out: the same {@link LaitApi} whether it comes from Electron's preload
 * (`window.lait`) or from a WebSocket to a Node process running the engine (tests in plain
 * Chromium, `?lait-bridge=ws://127.0.0.1:PORT`).
 *
 * Wire format of the web bridge (JSON text frames; Uint8Array values travel as
 * `{ "$bytes": "<base64>" }`):
 *   → `{ id, channel, args }`   ← `{ id, ack }`   ← `{ event, payload }`
 */
export type Bridge = LaitApi;

const BYTES = '$bytes';

function encodeValue(_key: string, value: unknown): unknown {
  if (value instanceof Uint8Array) {
    let bin = '';
    for (let i = 0; i < value.length; i += 0x8000) bin += String.fromCharCode(...value.subarray(i, i + 0x8000));
    return { [BYTES]: btoa(bin) };
  }
  return value;
}

function decodeValue(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && BYTES in value) {
    const bin = atob(String((value as Record<string, unknown>)[BYTES]));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  }
  return value;
}

/** Serialise a bridge message (shared by the web client and the Node bridge server). */
export const encodeBridgeMessage = (msg: unknown): string => JSON.stringify(msg, encodeValue);
/** Parse a bridge message. */
export const decodeBridgeMessage = (text: string): unknown => JSON.parse(text, decodeValue);

/** A {@link LaitApi} over a WebSocket; calls made before the socket opens are queued. */
export function createWebSocketBridge(url: string, WS: typeof WebSocket = WebSocket): Bridge {
  const ws = new WS(url);
  const pending = new Map<number, (ack: unknown) => void>();
  const listeners = new Map<IpcEvent, Set<(payload: unknown) => void>>();
  const opened = new Promise<void>((resolve) => ws.addEventListener('open', () => resolve(), { once: true }));
  let nextId = 1;
  ws.addEventListener('message', (e: MessageEvent<string>) => {
    const msg = decodeBridgeMessage(e.data) as { id?: number; ack?: unknown; event?: IpcEvent; payload?: unknown };
    if (msg.id !== undefined) {
      pending.get(msg.id)?.(msg.ack);
      pending.delete(msg.id);
    } else if (msg.event) {
      listeners.get(msg.event)?.forEach((l) => l(msg.payload));
    }
  });
  ws.addEventListener('close', () => {
    pending.forEach((resolve) => resolve({ ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Bridge closed' } }));
    pending.clear();
  });
  return createLaitApi({
    async invoke(channel: IpcChannel, args: unknown) {
      await opened;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(encodeBridgeMessage({ id, channel, args }));
      });
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  });
}

/** Pick the bridge: Electron's preload API, else a web bridge named in the page URL. */
export function resolveBridge(win: { lait?: LaitApi }, location: { search: string }): Bridge {
  if (win.lait) return win.lait;
  const url = new URLSearchParams(location.search).get('lait-bridge');
  if (url && /^ws:\/\/(127\.0\.0\.1|localhost):\d+/.test(url)) return createWebSocketBridge(url);
  throw new Error('No Lait bridge: run inside the desktop app or pass ?lait-bridge=ws://127.0.0.1:PORT');
}
