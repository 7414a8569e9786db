import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { AppInfo } from '@lait/shared';
import { app, type BrowserWindow } from 'electron';
import { createBroadcastEngine } from './broadcast/broadcast-engine.js';
import { resolveFfmpeg } from './broadcast/ffmpeg-path.js';
import { loadConfig } from './config.js';
import { bindIpc, forwardEngineEvents } from './ipc/electron-ipc.js';
import { createIpcHandlers } from './ipc/ipc-handlers.js';
import { createIpcRegistry } from './ipc/ipc-registry.js';
import { createSettingsStore, defaultSettings } from './settings/settings-store.js';
import { listDesktopSources } from './sources/desktop-sources.js';
import { createMainWindow, isRendererUrl, restrictPermissions } from './window.js';

function ffmpegVersion(path: string): string {
  try {
    const out = execFileSync(path, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 5000 });
    return /ffmpeg version (\S+)/.exec(out)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  await app.whenReady();
  const ffmpeg = resolveFfmpeg({ configured: config.LAIT_FFMPEG_PATH, envPath: config.PATH });
  const ffmpegInfo = ffmpeg ? { ...ffmpeg, version: ffmpegVersion(ffmpeg.path) } : null;
  const engine = createBroadcastEngine({ ffmpegPath: ffmpeg?.path ?? null, x264Preset: config.LAIT_X264_PRESET });
  const settings = await createSettingsStore(
    join(app.getPath('userData'), 'settings.json'),
    defaultSettings(config.LAIT_RTMP_URL),
  );
  const appInfo = (): AppInfo => ({
    name: app.getName(), version: app.getVersion(), platform: process.platform,
    versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node },
    ffmpeg: ffmpegInfo,
  });
  const registry = createIpcRegistry(
    createIpcHandlers({
      engine, settings, appInfo, listSources: listDesktopSources,
      recordDir: config.LAIT_RECORD_DIR ?? join(app.getPath('videos'), 'Lait'),
    }),
    (msg, err) => console.error(msg, err),
  );
  const devUrl = config.ELECTRON_RENDERER_URL;
  restrictPermissions(devUrl);
  bindIpc(registry, (sender, url) => isRendererUrl(url, devUrl) && !sender.isDestroyed());

  let win: BrowserWindow | null = createMainWindow(devUrl);
  win.on('closed', () => (win = null));
  forwardEngineEvents(engine, () => win?.webContents ?? null);

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
    void engine.dispose().finally(() => app.quit());
  });
}

main().catch((err: unknown) => {
  console.error('Lait failed to start', err);
  app.exit(1);
});
