import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { Ack } from '../errors/codes.js';
import {
  AccountChannelSchema,
  AccountStatusSchema,
  AuthLoginArgsSchema,
  CategoryOptionSchema,
  ChannelUpdateArgsSchema,
} from './account.js';
import { AppInfoSchema } from './app.js';
import { ChannelModerationSchema } from '../http/me.js';
import {
  ChatClearedEventSchema,
  ChatConnectionStatusSchema,
  ChatDeleteArgsSchema,
  ChatDeletedEventSchema,
  ChatMessagesEventSchema,
  ChatNoticeEventSchema,
  ChatOpenResultSchema,
  ChatSendArgsSchema,
  ChatSettingsEventSchema,
  ChatTimeoutArgsSchema,
  ChatUserArgsSchema,
  ChatViewersEventSchema,
} from './chat.js';
import {
  BroadcastErrorSchema,
  BroadcastHealthSchema,
  BroadcastStartArgsSchema,
  BroadcastStatusSchema,
  BroadcastWriteArgsSchema,
  BroadcastWriteResultSchema,
} from './broadcast.js';
import { SettingsPatchSchema, SettingsSchema } from './settings.js';
import { EncodersResultSchema, SetupResultSchema } from './setup.js';
import { ChatSendResultSchema } from '../chat/messages.js';
import { SourcesListArgsSchema, SourcesListResultSchema } from './sources.js';

/** Schema for channels that take no argument. */
const NoArgs = Type.Undefined();

/**
 * The one map of renderer → main calls. Main validates `args` with these schemas before a
 * handler runs and answers every call with an {@link Ack} of `result`; preload builds
 * `window.lait` from the same keys.
 */
export const IPC_CONTRACT = {
  'app:info': { args: NoArgs, result: AppInfoSchema },
  'settings:get': { args: NoArgs, result: SettingsSchema },
  'settings:set': { args: SettingsPatchSchema, result: SettingsSchema },
  'sources:list': { args: SourcesListArgsSchema, result: SourcesListResultSchema },
  'auth:status': { args: NoArgs, result: AccountStatusSchema },
  'auth:login': { args: AuthLoginArgsSchema, result: AccountStatusSchema },
  'auth:logout': { args: NoArgs, result: AccountStatusSchema },
  /** Kakao through the system browser and a loopback redirect; answers when the browser comes back (3 min at most). */
  'auth:kakao': { args: NoArgs, result: AccountStatusSchema },
  /** Stops a waiting `auth:kakao`, which then answers AUTH_SIGNIN_CANCELLED. */
  'auth:kakao-cancel': { args: NoArgs, result: Type.Null() },
  'channel:get': { args: NoArgs, result: AccountChannelSchema },
  'channel:update': { args: ChannelUpdateArgsSchema, result: AccountChannelSchema },
  'channel:categories': { args: NoArgs, result: Type.Array(CategoryOptionSchema) },
  'setup:measure': { args: NoArgs, result: SetupResultSchema },
  'setup:encoders': { args: NoArgs, result: EncodersResultSchema },
  'broadcast:start': { args: BroadcastStartArgsSchema, result: BroadcastStatusSchema },
  'broadcast:write': { args: BroadcastWriteArgsSchema, result: BroadcastWriteResultSchema },
  'broadcast:stop': { args: NoArgs, result: BroadcastStatusSchema },
  'broadcast:retry': { args: NoArgs, result: BroadcastStatusSchema },
  'broadcast:status': { args: NoArgs, result: BroadcastStatusSchema },
  'chat:open': { args: NoArgs, result: ChatOpenResultSchema },
  'chat:send': { args: ChatSendArgsSchema, result: ChatSendResultSchema },
  'chat:delete': { args: ChatDeleteArgsSchema, result: Type.Null() },
  'chat:timeout': { args: ChatTimeoutArgsSchema, result: Type.Object({ until: Type.String() }) },
  'chat:ban': { args: ChatUserArgsSchema, result: Type.Null() },
  'chat:unban': { args: ChatUserArgsSchema, result: Type.Null() },
  'chat:clear': { args: NoArgs, result: Type.Null() },
  'chat:close': { args: NoArgs, result: Type.Null() },
  /** The channel's moderators and banned users (the same lists as the web dashboard's). */
  'moderation:get': { args: NoArgs, result: ChannelModerationSchema },
  'moderation:appoint': { args: Type.Object({ nickname: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false }), result: ChannelModerationSchema },
  'moderation:remove': { args: Type.Object({ userId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), result: ChannelModerationSchema },
  'moderation:unban': { args: Type.Object({ userId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), result: ChannelModerationSchema },
} as const satisfies Record<string, { args: TSchema; result: TSchema }>;

/**
 * The map of main → renderer events and their payload schemas.
 * `broadcast:state` carries every state change, `broadcast:health` each ffmpeg progress
 * block (about once a second), `broadcast:error` each failure. The `chat:*` events relay the
 * streamer's own channel chat once `chat:open` was called; `chat:connection` carries the relay's state.
 */
export const IPC_EVENTS = {
  'broadcast:state': BroadcastStatusSchema,
  'broadcast:health': BroadcastHealthSchema,
  'broadcast:error': BroadcastErrorSchema,
  'chat:messages': ChatMessagesEventSchema,
  'chat:deleted': ChatDeletedEventSchema,
  'chat:cleared': ChatClearedEventSchema,
  'chat:viewers': ChatViewersEventSchema,
  'chat:settings': ChatSettingsEventSchema,
  'chat:notice': ChatNoticeEventSchema,
  'chat:connection': ChatConnectionStatusSchema,
} as const satisfies Record<string, TSchema>;

/** A renderer → main channel name. */
export type IpcChannel = keyof typeof IPC_CONTRACT;
/** A main → renderer event name. */
export type IpcEvent = keyof typeof IPC_EVENTS;
/** The argument type of channel `C`. */
export type IpcArgs<C extends IpcChannel> = Static<(typeof IPC_CONTRACT)[C]['args']>;
/** The data type answered by channel `C` (wrapped in an {@link Ack}). */
export type IpcResult<C extends IpcChannel> = Static<(typeof IPC_CONTRACT)[C]['result']>;
/** The payload type of event `E`. */
export type IpcEventPayload<E extends IpcEvent> = Static<(typeof IPC_EVENTS)[E]>;

/** Every channel name, in contract order. */
export const IPC_CHANNELS = Object.keys(IPC_CONTRACT) as IpcChannel[];
/** Every event name. */
export const IPC_EVENT_NAMES = Object.keys(IPC_EVENTS) as IpcEvent[];

/** Whether `name` is a channel of the contract. */
export function isIpcChannel(name: unknown): name is IpcChannel {
  return typeof name === 'string' && Object.hasOwn(IPC_CONTRACT, name);
}

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbsOf<D extends string> = {
  [C in IpcChannel as C extends `${D}:${infer V}` ? V : never]: IpcArgs<C> extends undefined
    ? () => Promise<Ack<IpcResult<C>>>
    : (args: IpcArgs<C>) => Promise<Ack<IpcResult<C>>>;
};

/**
 * The API exposed to the renderer as `window.lait`: one method per channel grouped by domain
 * (`lait.broadcast.start(args)`), plus `on(event, listener)` which returns an unsubscribe.
 * Calls never reject: failures come back as `{ ok: false, error }`.
 */
export type LaitApi = { [D in DomainOf<IpcChannel>]: VerbsOf<D> } & {
  on<E extends IpcEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void;
};

/** Split a `domain:verb` channel name. */
export function splitChannel(channel: IpcChannel): { domain: string; verb: string } {
  const [domain = '', verb = ''] = channel.split(':');
  return { domain, verb };
}

/**
 * Build a {@link LaitApi} from any transport: Electron's preload passes `ipcRenderer.invoke`,
 * tests pass a WebSocket bridge. The transport must resolve to an Ack and never reject;
 * `invoke` here converts a rejection into an `INTERNAL` Ack anyway.
 */
export function createLaitApi(transport: {
  invoke(channel: IpcChannel, args: unknown): Promise<unknown>;
  subscribe(event: IpcEvent, listener: (payload: unknown) => void): () => void;
}): LaitApi {
  const api: Record<string, Record<string, (args?: unknown) => Promise<unknown>>> = {};
  for (const channel of IPC_CHANNELS) {
    const { domain, verb } = splitChannel(channel);
    const group = (api[domain] ??= {});
    group[verb] = (args?: unknown) =>
      transport.invoke(channel, args).catch((err: unknown) => ({
        ok: false,
        error: { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) },
      }));
  }
  const on = (event: IpcEvent, listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  return { ...api, on } as unknown as LaitApi;
}
