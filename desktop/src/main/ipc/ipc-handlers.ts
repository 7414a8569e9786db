import { join } from 'node:path';
import type {
  Ack,
  AppInfo,
  BroadcastStartArgs,
  BroadcastStatus,
  CaptureSource,
  HardwareEncoder,
  SetupResult,
  Settings,
  SettingsPatch,
  SourcesListArgs,
} from '@lait/shared';
import type { AccountClient } from '../account/account-client.js';
import { ackOf } from '../account/account-errors.js';
import type { KakaoSignIn } from '../account/kakao-loopback.js';
import { createPublishCredentials } from '../account/publish-credentials.js';
import type { BroadcastEngine, BroadcastStartOptions } from '../broadcast/broadcast-engine.js';
import type { ChatRelay } from '../chat/chat-relay.js';
import type { IpcHandlers } from './ipc-registry.js';

/** What the handlers need from the rest of main; Electron-specific parts come in as functions. */
export interface IpcDeps {
  engine: BroadcastEngine;
  account: AccountClient;
  kakao: KakaoSignIn;
  chat: ChatRelay;
  settings: { get(): Settings; set(patch: SettingsPatch): Promise<Settings> };
  listSources(args: SourcesListArgs): Promise<CaptureSource[]>;
  appInfo(): AppInfo;
  measureSetup(): Promise<SetupResult | Ack<SetupResult>>;
  /** ffmpeg's hardware encoders that work on this machine (probed once, cached). */
  hardwareEncoders(): Promise<HardwareEncoder[]>;
  /** Recordings folder, owned by main; null when recording is unavailable. */
  recordDir: string | null;
  now?: () => number;
}

async function destination(deps: IpcDeps, target: BroadcastStartArgs['target']) {
  if (target.kind === 'custom') return { ok: true as const, data: { rtmpUrl: target.rtmpUrl, streamKey: target.streamKey } };
  // Account mode: a publish token fetched now, renewed on reconnect once it has expired.
  const creds = createPublishCredentials(deps.account, deps.now);
  const ack = await ackOf(() => creds.fresh());
  if (!ack.ok) return ack;
  const renew = async () => {
    const next = await creds.renew();
    return next && { rtmpUrl: next.rtmpUrl, streamKey: next.streamKey };
  };
  return { ok: true as const, data: { rtmpUrl: ack.data.rtmpUrl, streamKey: ack.data.streamKey, renew } };
}

async function startBroadcast(deps: IpcDeps, args: BroadcastStartArgs): Promise<Ack<BroadcastStatus>> {
  const now = deps.now ?? Date.now;
  if (args.record && !deps.recordDir) {
    return { ok: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'Recording folder unavailable' } };
  }
  if (deps.engine.status().state !== 'idle') {
    return { ok: false, error: { code: 'BROADCAST_ALREADY_LIVE', message: `Broadcast is ${deps.engine.status().state}` } };
  }
  const dest = await destination(deps, args.target);
  if (!dest.ok) return dest;
  const recordPath = args.record && deps.recordDir
    ? join(deps.recordDir, `lait-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.mkv`)
    : undefined;
  const opts: BroadcastStartOptions = {
    ...dest.data, video: args.video, audio: args.audio, input: args.input, ...(recordPath && { recordPath }),
  };
  return deps.engine.start(opts);
}

/** The channel handlers of the desktop app. */
export function createIpcHandlers(deps: IpcDeps): IpcHandlers {
  const { account, chat } = deps;
  return {
    'app:info': () => deps.appInfo(),
    'settings:get': () => deps.settings.get(),
    'settings:set': async (patch) => {
      // A new server URL drops the session (and the chat) before anything could send it there.
      if (patch.serverUrl !== undefined && patch.serverUrl.replace(/\/+$/, '') !== account.status().serverUrl) {
        chat.close();
        deps.kakao.cancel();
        await account.setServerUrl(patch.serverUrl);
      }
      return deps.settings.set(patch);
    },
    'sources:list': (args) => deps.listSources(args),
    'auth:status': () => account.settled(),
    // The chat belongs to whoever was signed in: another sign-in or a sign-out closes it.
    'auth:login': (args) => (chat.close(), ackOf(() => account.login(args.email, args.password))),
    'auth:logout': () => (chat.close(), account.logout()),
    'auth:kakao': () => (chat.close(), ackOf(() => deps.kakao.signIn())),
    'auth:kakao-cancel': () => (deps.kakao.cancel(), null),
    'channel:get': () => ackOf(() => account.channel()),
    'channel:update': (args) => ackOf(() => account.updateChannel(args)),
    'channel:categories': () => ackOf(() => account.categories()),
    'setup:measure': () => deps.measureSetup(),
    'setup:encoders': async () => ({ hardware: await deps.hardwareEncoders() }),
    'broadcast:start': (args) => startBroadcast(deps, args),
    'broadcast:write': (args) => deps.engine.write(args.data, args.epoch),
    'broadcast:stop': () => deps.engine.stop(),
    'broadcast:retry': () => deps.engine.retryNow(),
    'broadcast:status': () => deps.engine.status(),
    'chat:open': () => chat.open(),
    'chat:send': (args) => chat.send(args.text),
    'chat:delete': (args) => chat.delete(args.messageId),
    'chat:timeout': (args) => chat.timeout(args.userId, args.seconds),
    'chat:ban': (args) => chat.ban(args.userId),
    'chat:unban': (args) => chat.unban(args.userId),
    'chat:clear': () => chat.clear(),
    'chat:close': () => chat.close(),
    'moderation:get': () => ackOf(() => account.moderation.get()),
    'moderation:appoint': (args) => ackOf(() => account.moderation.appoint(args.nickname)),
    'moderation:remove': (args) => ackOf(() => account.moderation.remove(args.userId)),
    'moderation:unban': (args) => ackOf(() => account.moderation.unban(args.userId)),
  };
}
