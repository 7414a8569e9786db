import type { Ack, ChatJoinResult, ClientToServerEvents } from '@lait/shared';
import type { ChatAction } from './chat-state';
import type { ChatAuth, ChatSocketFactory } from './chat-socket';

export type ChatEvent = keyof ClientToServerEvents;
export type ChatPayload<E extends ChatEvent> = Parameters<ClientToServerEvents[E]>[0];
export type ChatData<E extends ChatEvent> = Parameters<ClientToServerEvents[E]>[1] extends (r: Ack<infer R>) => void ? R : never;

/** An acknowledgement, or a client-side failure: TIMEOUT (no ack after every attempt), CLOSED (the page went away). */
export type ChatResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; retryAfterSec?: number } };

/** How long an ack may take before the same payload (same nonce) is sent again. */
export const ACK_TIMEOUT_MS = 5_000;
export const SEND_ATTEMPTS = 3;
const RETRY_MS = 2_000;

export interface ChatConnectionOptions {
  slug: string;
  createSocket: ChatSocketFactory;
  /** The access token for the handshake; null reads anonymously. */
  getToken: () => Promise<string | null>;
  dispatch: (action: ChatAction) => void;
  /** The last message id the page has: a re-join asks only for what came after it. */
  lastId: () => string | null;
  ackTimeoutMs?: number;
}

export interface ChatConnection {
  /** Waits until joined, then emits; resends the same payload on ack timeout or a lost join. */
  request<E extends ChatEvent>(event: E, payload: ChatPayload<E>): Promise<ChatResult<ChatData<E>>>;
  close(): void;
}

type LooseEmit = (event: string, payload: unknown, ack: (result: ChatResult<unknown>) => void) => void;

const failure = (code: string, message: string) => ({ ok: false as const, error: { code, message } });

/** One socket for one channel page: joins on every (re)connect, keeps the token fresh, retries. */
export function createChatConnection(o: ChatConnectionOptions): ChatConnection {
  const ackTimeoutMs = o.ackTimeoutMs ?? ACK_TIMEOUT_MS;
  let closed = false;
  let joined = false;
  let connection = 0;
  let authFailures = 0;
  let sentToken = false;
  let waiters: (() => void)[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) fn();
    }, ms);
    timers.add(timer);
  };

  const auth: ChatAuth = (cb) => {
    // Twice refused (an invalid token the refresh cannot fix): read without one rather than not at all.
    if (authFailures >= 2) return cb({});
    o.getToken().then(
      (token) => {
        sentToken = token !== null;
        cb(token ? { token } : {});
      },
      () => cb({}),
    );
  };
  const socket = o.createSocket(auth);

  const emit = <R,>(event: string, payload: unknown) =>
    new Promise<ChatResult<R> | null>((resolve) => {
      let done = false;
      const timer = setTimeout(() => !done && ((done = true), resolve(null)), ackTimeoutMs);
      (socket.emit as unknown as LooseEmit)(event, payload, (ack) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(ack as ChatResult<R>);
      });
    });

  const join = async (): Promise<void> => {
    const mine = connection;
    const sinceId = o.lastId();
    const ack = await emit<ChatJoinResult>('chat:join', sinceId === null ? { channel: o.slug } : { channel: o.slug, sinceId });
    if (closed || mine !== connection || !socket.connected) return;
    if (!ack?.ok) return later(() => mine === connection && void join(), RETRY_MS);
    authFailures = 0;
    joined = true;
    o.dispatch({ type: 'joined', result: ack.data });
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  const rejoin = () => {
    joined = false;
    connection += 1;
    void join();
  };
  const whenJoined = () => (joined || closed ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)));

  socket.on('connect', rejoin);
  socket.on('disconnect', (reason) => {
    joined = false;
    connection += 1;
    if (closed) return;
    o.dispatch({ type: 'status', status: 'reconnecting' });
    // The server let go on purpose (a restart, a deploy): Socket.IO does not retry that by itself.
    if (reason === 'io server disconnect') later(() => socket.connect(), RETRY_MS);
  });
  socket.on('connect_error', () => {
    if (closed) return;
    o.dispatch({ type: 'status', status: 'reconnecting' });
    if (socket.active) return; // a transport failure: Socket.IO backs off and retries by itself
    // Refused by the server's middleware (expired or invalid token): again with a fresh token.
    authFailures += 1;
    later(() => socket.connect(), RETRY_MS / 4);
  });
  socket.on('chat:messages', (messages) => {
    const mine = messages.filter((m) => m.channel === o.slug);
    if (mine.length > 0) o.dispatch({ type: 'messages', messages: mine });
  });
  socket.on('chat:deleted', (p) => p.channel === o.slug && o.dispatch({ type: 'deleted', ids: p.ids }));
  socket.on('chat:cleared', (p) => p.channel === o.slug && o.dispatch({ type: 'cleared' }));
  socket.on('chat:viewers', (p) => p.channel === o.slug && o.dispatch({ type: 'viewers', count: p.count }));
  socket.on('chat:settings', (p) => p.channel === o.slug && o.dispatch({ type: 'settings', settings: p.settings }));
  socket.on('chat:notice', (n) => n.channel === o.slug && o.dispatch({ type: 'notice', notice: n }));
  socket.connect();

  async function request<E extends ChatEvent>(event: E, payload: ChatPayload<E>): Promise<ChatResult<ChatData<E>>> {
    for (let attempt = 1; ; attempt++) {
      await whenJoined();
      if (closed) return failure('CLOSED', 'The chat was closed');
      const ack = await emit<ChatData<E>>(event, payload);
      if (closed) return failure('CLOSED', 'The chat was closed');
      if (ack?.ok) return ack;
      const code = ack?.error.code ?? 'TIMEOUT';
      const last = attempt >= SEND_ATTEMPTS;
      if (code === 'TIMEOUT' && !last) continue;
      if (code === 'CHAT_NOT_JOINED' && !last) {
        rejoin();
        continue;
      }
      // The token in the handshake expired while connected: reconnect with a fresh one.
      if (code === 'CHAT_AUTH_REQUIRED' && sentToken && !last) {
        joined = false;
        socket.disconnect().connect();
        continue;
      }
      return ack ?? failure('TIMEOUT', 'No answer from the chat server');
    }
  }

  return {
    request,
    close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      socket.removeAllListeners();
      socket.disconnect();
      const pending = waiters;
      waiters = [];
      for (const resolve of pending) resolve();
    },
  };
}
