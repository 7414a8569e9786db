import { createLaitApi } from '@lait/shared';
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

// Only the typed API crosses the bridge: ipcRenderer itself never reaches the page, and
// createLaitApi only knows the contract's channels.
const lait = createLaitApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, args),
  subscribe(event, listener) {
    const handler = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
});

contextBridge.exposeInMainWorld('lait', lait);
