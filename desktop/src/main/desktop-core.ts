import { execFileSync } from 'node:child_process';
import type { AppInfo, CaptureSource, HardwareEncoder, Settings, SourcesListArgs } from '@lait/shared';
import { createAccountClient } from './account/account-client.js';
import { createKakaoSignIn } from './account/kakao-loopback.js';
import type { SessionStore } from './account/session-store.js';
import { createBroadcastEngine } from './broadcast/broadcast-engine.js';
import type { X264Preset } from './broadcast/ffmpeg-args.js';
import { isExecutable } from './broadcast/ffmpeg-path.js';
import { sampleProcessCpu } from './broadcast/process-cpu.js';
import { createChatRelay } from './chat/chat-relay.js';
import { createIpcEventSource } from './ipc/ipc-events.js';
import { createIpcHandlers } from './ipc/ipc-handlers.js';
import { createIpcRegistry } from './ipc/ipc-registry.js';
import { createSettingsStore } from './settings/settings-store.js';
import { runEncodeBenchmark } from './setup/encode-benchmark.js';
import { probeHardwareEncoders } from './setup/hardware-encoders.js';

/** Everything main needs that differs between Electron and a plain Node process. */
export interface DesktopCoreOptions {
  ffmpeg: { path: string; source: 'configured' | 'system' | 'bundled' } | null;
  x264Preset?: X264Preset;
  settingsFile: string;
  defaults: Settings;
  recordDir: string | null;
  sessionStore?: SessionStore;
  runtime: Pick<AppInfo, 'name' | 'version' | 'platform' | 'versions'>;
  listSources?: (args: SourcesListArgs) => Promise<CaptureSource[]>;
  log?: (msg: string, err: unknown) => void;
  /** Opens the system browser for Kakao sign-in (Electron's `shell.openExternal`). */
  openExternal?: (url: string) => Promise<void> | void;
}

function ffmpegVersion(path: string): string {
  try {
    const out = execFileSync(path, ['-hide_banner', '-version'], { encoding: 'utf8', timeout: 5000 });
    return /ffmpeg version (\S+)/.exec(out)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/**
 * The desktop app without Electron: settings, account, engine, chat relay and the validated IPC registry.
 * Electron's main binds it to ipcMain; tests and the benchmark serve it over the WS bridge.
 */
export async function createDesktopCore(opts: DesktopCoreOptions) {
  const ffmpegPath = opts.ffmpeg?.path ?? null;
  const ffmpegInfo = opts.ffmpeg ? { ...opts.ffmpeg, version: ffmpegVersion(opts.ffmpeg.path) } : null;
  const engine = createBroadcastEngine({
    ffmpegPath, sampleCpu: sampleProcessCpu, ...(opts.x264Preset && { x264Preset: opts.x264Preset }),
  });
  const settings = await createSettingsStore(opts.settingsFile, opts.defaults);
  const account = createAccountClient({ serverUrl: settings.get().serverUrl, ...(opts.sessionStore && { store: opts.sessionStore }) });
  // Not awaited: a slow or unreachable server must not hold the window back; auth:status waits.
  void account.restore();
  const kakao = createKakaoSignIn({
    serverUrl: () => account.status().serverUrl,
    openExternal: opts.openExternal ?? (() => Promise.reject(new Error('no system browser in this process'))),
    exchange: (code, verifier) => account.exchangeDesktopCode(code, verifier),
  });
  const chat = createChatRelay({ account });
  let hardware: Promise<HardwareEncoder[]> | undefined;
  const registry = createIpcRegistry(
    createIpcHandlers({
      engine, account, kakao, chat, settings, recordDir: opts.recordDir,
      listSources: opts.listSources ?? (async () => []),
      appInfo: () => ({ ...opts.runtime, ffmpeg: ffmpegInfo, recordDir: opts.recordDir }),
      measureSetup: async () => {
        if (!ffmpegPath || !isExecutable(ffmpegPath)) {
          return { ok: false, error: { code: 'BROADCAST_FFMPEG_MISSING', message: 'ffmpeg not found' } };
        }
        return { ok: true, data: await runEncodeBenchmark(ffmpegPath) };
      },
      hardwareEncoders: () => (hardware ??= ffmpegPath && isExecutable(ffmpegPath) ? probeHardwareEncoders(ffmpegPath) : Promise.resolve([])),
    }),
    opts.log,
  );
  const events = createIpcEventSource(engine, chat);
  const dispose = () => {
    chat.close();
    kakao.cancel();
    return engine.dispose();
  };
  return { engine, account, chat, settings, registry, events, dispose };
}

/** The core, see {@link createDesktopCore}. */
export type DesktopCore = Awaited<ReturnType<typeof createDesktopCore>>;
