import { randomBytes } from 'node:crypto';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import type { Ack, ChatOpenResult, ChatSendResult, IpcEventPayload } from '@lait/shared';
import type { AccountClient } from '../account/account-client.js';
import { ackOf } from '../account/account-errors.js';
import { createChatSession, type ChatRelayEvent, type ChatSession } from './chat-session.js';

export interface ChatRelayOptions {
  account: Pick<AccountClient, 'status' | 'channel' | 'accessToken'>;
  /** How long an ack may take before the same payload goes out again (5 s). */
  ackTimeoutMs?: number;
  /** How long `open()` waits for the first join (10 s); the connection keeps trying after that. */
  openTimeoutMs?: number;
  /** Messages kept for a re-opened panel (200). */
  historyLimit?: number;
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}

type Listener = (payload: never) => void;

/** 22 url-safe characters (≈128 bits): the server de-duplicates resends of the same nonce. */
const createNonce = () => randomBytes(16).toString('base64url');

const notOpen = { ok: false as const, error: { code: 'CHAT_NOT_JOINED' as const, message: 'Open the chat first' } };

/**
 * The desktop app's chat: main holds the Socket.IO connection to the signed-in streamer's own
 * channel (the renderer never sees a token) and relays its events as the contract's `chat:*`
 * events. Sign-out, another user or another server closes it (the IPC handlers call `close`).
 */
export function createChatRelay(opts: ChatRelayOptions) {
  const { account } = opts;
  const listeners = new Map<ChatRelayEvent, Set<Listener>>();
  let session: { key: string; chat: ChatSession } | null = null;

  const emit = <E extends ChatRelayEvent>(event: E, payload: IpcEventPayload<E>) => {
    listeners.get(event)?.forEach((fn) => (fn as (p: IpcEventPayload<E>) => void)(payload));
  };

  function close(): null {
    session?.chat.close();
    session = null;
    return null;
  }

  async function open(): Promise<Ack<ChatOpenResult>> {
    const status = account.status();
    if (!status.signedIn || !status.user) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Sign in to open the chat' } };
    const channel = await ackOf(() => account.channel());
    if (!channel.ok) return channel;
    const key = `${status.serverUrl}|${status.user.id}|${channel.data.slug}`;
    if (session?.key !== key) {
      close();
      const chat = createChatSession({
        serverUrl: status.serverUrl, slug: channel.data.slug, emit,
        getToken: (renew) => account.accessToken({ renew }),
        ackTimeoutMs: opts.ackTimeoutMs ?? 5000,
        historyLimit: opts.historyLimit ?? 200,
        ...(opts.socketOptions && { socketOptions: opts.socketOptions }),
      });
      session = { key, chat };
    }
    const { chat } = session;
    await chat.whenJoined(opts.openTimeoutMs ?? 10_000);
    const snapshot = chat.snapshot();
    if (snapshot) return { ok: true, data: snapshot };
    const why = chat.lastError();
    return { ok: false, error: why ?? { code: 'SERVICE_UNAVAILABLE', message: 'Cannot reach the chat server yet; still trying' } };
  }

  /** Runs `fn` against the open session's channel, or answers CHAT_NOT_JOINED. */
  function withSession<T>(fn: (chat: ChatSession, channel: string) => Promise<Ack<T>>): Promise<Ack<T>> {
    const chat = session?.chat;
    const channel = chat?.snapshot()?.channel ?? session?.key.split('|')[2];
    return chat && channel ? fn(chat, channel) : Promise.resolve(notOpen);
  }

  return {
    open,
    close,
    send: (text: string): Promise<Ack<ChatSendResult>> =>
      // One nonce for every attempt: a resend after a lost ack never doubles the message.
      withSession((chat, channel) => chat.request('chat:send', { channel, text, nonce: createNonce() })),
    delete: (messageId: string) => withSession((chat, channel) => chat.request('chat:delete', { channel, messageId })),
    timeout: (userId: number, seconds: number) => withSession((chat, channel) => chat.request('chat:timeout', { channel, userId, seconds })),
    ban: (userId: number) => withSession((chat, channel) => chat.request('chat:ban', { channel, userId })),
    unban: (userId: number) => withSession((chat, channel) => chat.request('chat:unban', { channel, userId })),
    clear: () => withSession((chat, channel) => chat.request('chat:clear', { channel })),
    on<E extends ChatRelayEvent>(event: E, listener: (payload: IpcEventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };
}

/** The chat relay, see {@link createChatRelay}. */
export type ChatRelay = ReturnType<typeof createChatRelay>;
