import { join } from 'node:path';
import type { AppInfo, Ack, BroadcastStatus, CaptureSource, Settings, SettingsPatch, SourcesListArgs } from '@lait/shared';
import type { BroadcastEngine } from '../broadcast/broadcast-engine.js';
import type { IpcHandlers } from './ipc-registry.js';

/** What the handlers need from the rest of main; Electron-specific parts come in as functions. */
export interface IpcDeps {
  engine: BroadcastEngine;
  settings: { get(): Settings; set(patch: SettingsPatch): Promise<Settings> };
  listSources(args: SourcesListArgs): Promise<CaptureSource[]>;
  appInfo(): AppInfo;
  /** Recordings folder, owned by main; null when recording is unavailable. */
  recordDir: string | null;
  now?: () => number;
}

/** The channel handlers of the desktop app. */
export function createIpcHandlers(deps: IpcDeps): IpcHandlers {
  const now = deps.now ?? Date.now;
  return {
    'app:info': () => deps.appInfo(),
    'settings:get': () => deps.settings.get(),
    'settings:set': (patch) => deps.settings.set(patch),
    'sources:list': (args) => deps.listSources(args),
    'broadcast:start': (args): Ack<BroadcastStatus> => {
      if (args.record && !deps.recordDir) {
        return { ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Recording folder unavailable' } };
      }
      const recordPath = args.record && deps.recordDir
        ? join(deps.recordDir, `lait-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.mkv`)
        : undefined;
      return deps.engine.start({
        rtmpUrl: args.rtmpUrl, streamKey: args.streamKey, video: args.video, audio: args.audio, input: args.input,
        ...(recordPath && { recordPath }),
      });
    },
    'broadcast:write': (args) => deps.engine.write(args.data, args.epoch),
    'broadcast:stop': () => deps.engine.stop(),
    'broadcast:retry': () => deps.engine.retryNow(),
    'broadcast:status': () => deps.engine.status(),
  };
}
