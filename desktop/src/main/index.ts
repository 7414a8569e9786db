import { join } from 'node:path';
import { app, safeStorage, shell, type BrowserWindow } from 'electron';
import { createFileSessionStore, createMemorySessionStore } from './account/session-store.js';
import { resolveFfmpeg } from './broadcast/ffmpeg-path.js';
import { loadConfig } from './config.js';
import { createDesktopCore } from './desktop-core.js';
import { bindIpc, forwardEvents } from './ipc/electron-ipc.js';
import { defaultSettings } from './settings/settings-store.js';
import { listDesktopSources } from './sources/desktop-sources.js';
import { createMainWindow, isRendererUrl, restrictPermissions } from './window.js';

/** The refresh token is kept on disk only when the OS keychain can seal it. */
function sessionStore() {
  if (!safeStorage.isEncryptionAvailable()) return createMemorySessionStore();
  return createFileSessionStore(join(app.getPath('userData'), 'session.bin'), {
    seal: (s) => safeStorage.encryptString(s),
    open: (b) => safeStorage.decryptString(b),
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  await app.whenReady();
  const core = await createDesktopCore({
    ffmpeg: resolveFfmpeg({ configured: config.LAIT_FFMPEG_PATH, envPath: config.PATH }),
    x264Preset: config.LAIT_X264_PRESET,
    settingsFile: join(app.getPath('userData'), 'settings.json'),
    defaults: defaultSettings(config.LAIT_RTMP_URL, config.LAIT_SERVER_URL),
    recordDir: config.LAIT_RECORD_DIR ?? join(app.getPath('videos'), 'Lait'),
    sessionStore: sessionStore(),
    runtime: {
      name: app.getName(), version: app.getVersion(), platform: process.platform,
      versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node },
    },
    listSources: listDesktopSources,
    // Kakao sign-in happens in the user's own browser (RFC 8252), never in an app window.
    openExternal: (url) => shell.openExternal(url),
    log: (msg, err) => console.error(msg, err),
  });
  const devUrl = config.ELECTRON_RENDERER_URL;
  restrictPermissions(devUrl);
  bindIpc(core.registry, (sender, url) => isRendererUrl(url, devUrl) && !sender.isDestroyed());

  let win: BrowserWindow | null = createMainWindow(devUrl);
  win.on('closed', () => (win = null));
  forwardEvents(core.events, () => win?.webContents ?? null);

  app.on('activate', () => {
    if (!win) win = createMainWindow(devUrl);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Never leave an ffmpeg pushing after the app is gone.
  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting) return;
    quitting = true;
    e.preventDefault();
    void core.dispose().finally(() => app.quit());
  });
  // Smoke test hook: LAIT_SMOKE=1 quits once the window has loaded (see e2e/specs/desktop).
  if (config.LAIT_SMOKE === '1') {
    win.webContents.once('did-finish-load', () => {
      console.log('LAIT_SMOKE_OK');
      app.quit();
    });
  }
}

main().catch((err: unknown) => {
  console.error('Lait failed to start', err);
  app.exit(1);
});
