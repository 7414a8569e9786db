import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, session, shell } from 'electron';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Whether a frame URL is our renderer (dev server in dev, the bundled file otherwise). */
export function isRendererUrl(url: string, devUrl: string | undefined): boolean {
  if (devUrl) return url.startsWith(devUrl);
  return url.startsWith('file://') && url.includes('/renderer/');
}

/** The one main window: isolated, sandboxed, no Node in the page. */
export function createMainWindow(devUrl: string | undefined): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Lait',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Links open in the system browser; the app window never navigates away.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (e, url) => {
    if (!isRendererUrl(url, devUrl)) e.preventDefault();
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
}

/** Camera, microphone and screen capture only for our own renderer; everything else denied. */
export function restrictPermissions(devUrl: string | undefined): void {
  const allowed = new Set(['media', 'display-capture']);
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => {
    callback(allowed.has(permission) && isRendererUrl(wc.getURL(), devUrl));
  });
  session.defaultSession.setPermissionCheckHandler((wc, permission) =>
    allowed.has(permission) && !!wc && isRendererUrl(wc.getURL(), devUrl),
  );
}
