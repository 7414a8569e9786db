import { IPC_CHANNELS, type IpcEvent, type IpcEventPayload } from '@lait/shared';
import { ipcMain, type WebContents } from 'electron';
import type { BroadcastEngine } from '../broadcast/broadcast-engine.js';
import type { IpcRegistry } from './ipc-registry.js';

/**
 * Bind the registry to ipcMain. Calls from any frame other than a trusted top-level page are
 * refused, so an embedded page can never drive the broadcaster.
 */
export function bindIpc(registry: IpcRegistry, isTrusted: (sender: WebContents, frameUrl: string) => boolean): () => void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, (event, args: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isTrusted(event.sender, frame.url)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender' } };
      }
      return registry.dispatch(channel, args);
    });
  }
  return () => IPC_CHANNELS.forEach((c) => ipcMain.removeHandler(c));
}

/** Forward engine events to a renderer as the contract's event channels. */
export function forwardEngineEvents(engine: BroadcastEngine, target: () => WebContents | null): () => void {
  const send = <E extends IpcEvent>(event: E, payload: IpcEventPayload<E>) => {
    const wc = target();
    if (wc && !wc.isDestroyed()) wc.send(event, payload);
  };
  const offs = [
    engine.on('state', (p) => send('broadcast:state', p)),
    engine.on('health', (p) => send('broadcast:health', p)),
    engine.on('error', (p) => send('broadcast:error', p)),
  ];
  return () => offs.forEach((off) => off());
}
