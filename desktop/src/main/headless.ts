import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureSource, Settings, SourcesListArgs } from '@lait/shared';
import { createMemorySessionStore } from './account/session-store.js';
import type { X264Preset } from './broadcast/ffmpeg-args.js';
import { createDesktopCore } from './desktop-core.js';
import { startWsBridgeServer } from './ipc/ws-bridge-server.js';
import { defaultSettings } from './settings/settings-store.js';

/** Options of {@link startHeadlessDesktop}. */
export interface HeadlessDesktopOptions {
  /** An ffmpeg path, or null to run without one (the UI must say so). */
  ffmpegPath: string | null;
  /** Fresh folder for settings and recordings. */
  dataDir: string;
  settings?: Partial<Settings>;
  x264Preset?: X264Preset;
  /** The "system browser" for Kakao sign-in (e2e: a second Chromium page). */
  openExternal?: (url: string) => Promise<void> | void;
  /** Page origins allowed to connect to the bridge (all loopback clients when absent: tests). */
  allowedOrigins?: string[];
  /** Stands in for desktopCapturer (tests); none by default, so the renderer uses getDisplayMedia. */
  listSources?: (args: SourcesListArgs) => Promise<CaptureSource[]>;
}

/**
 * The desktop app's main process minus Electron, served over the WebSocket bridge: the built
 * renderer in plain Chromium with `?lait-bridge=<url>` then drives the real engine. For e2e
 * specs, the broadcast benchmark and `npm run web -w desktop`; never used by the app itself.
 */
export async function startHeadlessDesktop(opts: HeadlessDesktopOptions) {
  const recordDir = join(opts.dataDir, 'recordings');
  mkdirSync(recordDir, { recursive: true });
  const core = await createDesktopCore({
    ffmpeg: opts.ffmpegPath ? { path: opts.ffmpegPath, source: 'configured' } : null,
    ...(opts.x264Preset && { x264Preset: opts.x264Preset }),
    settingsFile: join(opts.dataDir, 'settings.json'),
    defaults: { ...defaultSettings('rtmp://127.0.0.1:1935/live'), ...opts.settings },
    recordDir,
    sessionStore: createMemorySessionStore(),
    ...(opts.openExternal && { openExternal: opts.openExternal }),
    ...(opts.listSources && { listSources: opts.listSources }),
    runtime: { name: 'lait-headless', version: '0.0.0', platform: process.platform, versions: { electron: '', chrome: '', node: process.versions.node } },
  });
  const bridge = await startWsBridgeServer({ registry: core.registry, events: core.events, ...(opts.allowedOrigins && { allowedOrigins: opts.allowedOrigins }) });
  return {
    core,
    bridgeUrl: bridge.url,
    recordDir,
    async close() {
      await core.dispose();
      await bridge.close();
    },
  };
}

/** A running headless desktop, see {@link startHeadlessDesktop}. */
export type HeadlessDesktop = Awaited<ReturnType<typeof startHeadlessDesktop>>;
