import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import { CHAT_SOCKET_PATH, type ChatConnectionStatus, type ChatJoinResult, type ChatOpenResult, type IpcEvent, type IpcEventPayload } from '@lait/shared';
import { createChatClient, type ChatClientListener } from '@lait/shared/chat-client';
import { createChatBuffer } from './chat-buffer.js';

/** The relay's events: the `chat:*` part of the IPC events. */
export type ChatRelayEvent = Extract<IpcEvent, `chat:${string}`>;

export interface ChatSessionOptions {
  serverUrl: string;
  slug: string;
  /** A fresh access token; `renew` when the server refused the last one as expired. */
  getToken: (renew: boolean) => Promise<string>;
  emit: <E extends ChatRelayEvent>(event: E, payload: IpcEventPayload<E>) => void;
  ackTimeoutMs: number;
  historyLimit: number;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

/**
 * One channel's chat in main: the shared chat client, plus the newest messages and the join's
 * details kept for a re-opened panel, relayed to the renderer as `chat:*` events.
 */
export function createChatSession(o: ChatSessionOptions) {
  const buffer = createChatBuffer(o.historyLimit);
  let joinInfo: Omit<ChatJoinResult, 'history'> | null = null;
  let status: ChatConnectionStatus = { state: 'connecting', code: null };

  const listener: ChatClientListener = {
    status(state, code) {
      if (status.state === state && status.code === code) return;
      status = { state, code };
      o.emit('chat:connection', status);
    },
    joined({ history, ...info }) {
      joinInfo = info;
      const fresh = buffer.add(history);
      if (fresh.length > 0) o.emit('chat:messages', fresh);
      o.emit('chat:viewers', { channel: o.slug, count: info.viewerCount });
    },
    messages(messages) {
      const fresh = buffer.add(messages);
      if (fresh.length > 0) o.emit('chat:messages', fresh);
    },
    deleted(p) {
      buffer.remove(p.ids);
      o.emit('chat:deleted', p);
    },
    cleared(p) {
      buffer.clear();
      o.emit('chat:cleared', p);
    },
    viewers(p) {
      if (!joinInfo) return;
      joinInfo = { ...joinInfo, viewerCount: p.count };
      o.emit('chat:viewers', p);
    },
    settings(p) {
      if (!joinInfo) return;
      joinInfo = { ...joinInfo, settings: p.settings };
      o.emit('chat:settings', p);
    },
    notice: (n) => o.emit('chat:notice', n),
  };

  o.emit('chat:connection', status);
  const client = createChatClient({
    slug: o.slug,
    listener,
    lastId: () => buffer.lastId(),
    getToken: (renew) => o.getToken(renew),
    ackTimeoutMs: o.ackTimeoutMs,
    // The streamer's own panel: reading anonymously would hide why; show the refusal instead.
    whenAuthRefused: 'stop',
    createSocket: (auth) =>
      io(o.serverUrl, {
        path: CHAT_SOCKET_PATH,
        autoConnect: false,
        transports: ['websocket'],
        forceNew: true,
        reconnectionDelay: 500,
        reconnectionDelayMax: 5000,
        ...o.socketOptions,
        auth,
      }),
  });

  return {
    request: client.request.bind(client),
    whenJoined: (ms: number) => client.whenJoined(ms),
    status: () => status,
    lastError: () => client.lastError(),
    snapshot: (): ChatOpenResult | null => (joinInfo ? { channel: o.slug, history: buffer.list(), ...joinInfo } : null),
    close: () => client.close(),
  };
}

/** One channel's chat connection, see {@link createChatSession}. */
export type ChatSession = ReturnType<typeof createChatSession>;
