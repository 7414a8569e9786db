import { IPC_CHANNELS, IPC_EVENT_NAMES, type IpcEventPayload } from '@lait/shared';
import { ipcMain, type WebContents } from 'electron';
import type { IpcEventSource } from './ipc-events.js';
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

/** Forward every contract event (engine and chat relay) to a renderer. */
export function forwardEvents(events: IpcEventSource, target: () => WebContents | null): () => void {
  const offs = IPC_EVENT_NAMES.map((event) =>
    events.on(event, (payload: IpcEventPayload<typeof event>) => {
      const wc = target();
      if (wc && !wc.isDestroyed()) wc.send(event, payload);
    }),
  );
  return () => offs.forEach((off) => off());
}
