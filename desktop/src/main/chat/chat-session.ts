import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
  CHAT_SOCKET_PATH, ERROR_CODES, type Ack, type ChatConnectionStatus, type ChatJoinResult, type ChatOpenResult,
  type ClientToServerEvents, type ErrorCode, type IpcEvent, type IpcEventPayload, type ServerToClientEvents,
} from '@lait/shared';
import { createChatBuffer } from './chat-buffer.js';

type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ChatEvent = keyof ClientToServerEvents;
export type ChatPayload<E extends ChatEvent> = Parameters<ClientToServerEvents[E]>[0];
export type ChatData<E extends ChatEvent> = Parameters<ClientToServerEvents[E]>[1] extends (r: Ack<infer R>) => void ? R : never;
/** The relay's events: the `chat:*` part of the IPC events. */
export type ChatRelayEvent = Extract<IpcEvent, `chat:${string}`>;
type LooseEmit = (event: string, payload: unknown, ack: (result: Ack<unknown>) => void) => void;

/** Attempts per request: the same payload (same nonce) goes out again after an ack timeout. */
const ATTEMPTS = 3;
const RETRY_MS = 1000;

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

const fail = (code: ErrorCode, message: string) => ({ ok: false as const, error: { code, message } });
const knownCode = (code: unknown): ErrorCode =>
  typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';

/**
 * One Socket.IO connection to one channel's chat, in main: joins on every (re)connect with the
 * last id it has (so the catch-up holds exactly what was missed), takes a fresh token for every
 * handshake, and answers requests with Acks after up to three attempts.
 * @see viewer-web/src/features/chat/chat-connection.ts for the same rules in the browser.
 */
export function createChatSession(o: ChatSessionOptions) {
  const buffer = createChatBuffer(o.historyLimit);
  let closed = false;
  let joined = false;
  let connection = 0;
  let authFailures = 0;
  let renewToken = false;
  let tokenMissing = false;
  let joinInfo: Omit<ChatJoinResult, 'history'> | null = null;
  let status: ChatConnectionStatus = { state: 'connecting', code: null };
  let lastError: { code: ErrorCode; message: string } | null = null;
  let waiters: (() => void)[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const later = (fn: () => void, ms: number) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!closed) fn();
    }, ms);
    timers.add(timer);
  };
  const setStatus = (state: ChatConnectionStatus['state'], code: string | null) => {
    if (status.state === state && status.code === code) return;
    status = { state, code };
    o.emit('chat:connection', status);
  };

  const socket: ChatSocket = io(o.serverUrl, {
    path: CHAT_SOCKET_PATH,
    autoConnect: false,
    transports: ['websocket'],
    forceNew: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
    ...o.socketOptions,
    auth: (cb: (auth: { token?: string }) => void) => {
      const renew = renewToken;
      renewToken = false;
      o.getToken(renew).then(
        (token) => ((tokenMissing = false), cb({ token })),
        // Signed out meanwhile: read without a token; sending then answers CHAT_AUTH_REQUIRED.
        () => ((tokenMissing = true), cb({})),
      );
    },
  });

  const emitWithTimeout = <R>(event: string, payload: unknown) =>
    new Promise<Ack<R> | null>((resolve) => {
      let done = false;
      const timer = setTimeout(() => !done && ((done = true), resolve(null)), o.ackTimeoutMs);
      (socket.emit as unknown as LooseEmit)(event, payload, (ack) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve(ack as Ack<R>);
      });
    });

  const join = async (): Promise<void> => {
    const mine = connection;
    const sinceId = buffer.lastId();
    const ack = await emitWithTimeout<ChatJoinResult>('chat:join', sinceId === null ? { channel: o.slug } : { channel: o.slug, sinceId });
    if (closed || mine !== connection || !socket.connected) return;
    if (!ack?.ok) {
      lastError = ack ? { code: knownCode(ack.error.code), message: ack.error.message } : { code: 'SERVICE_UNAVAILABLE', message: 'No answer from the chat server' };
      setStatus('reconnecting', lastError.code);
      return later(() => mine === connection && void join(), RETRY_MS * 2);
    }
    const { history, ...info } = ack.data;
    joinInfo = info;
    joined = true;
    authFailures = 0;
    lastError = null;
    const fresh = buffer.add(history);
    if (fresh.length > 0) o.emit('chat:messages', fresh);
    o.emit('chat:viewers', { channel: o.slug, count: info.viewerCount });
    setStatus('connected', tokenMissing ? 'UNAUTHORIZED' : null);
    const ready = waiters;
    waiters = [];
    ready.forEach((resolve) => resolve());
  };
  const rejoin = () => {
    joined = false;
    connection += 1;
    void join();
  };

  socket.on('connect', rejoin);
  socket.on('disconnect', (reason) => {
    joined = false;
    connection += 1;
    if (closed) return;
    setStatus('reconnecting', 'SERVICE_UNAVAILABLE');
    // The server let go on purpose (a restart, a deploy): Socket.IO does not retry that by itself.
    if (reason === 'io server disconnect') later(() => socket.connect(), RETRY_MS);
  });
  socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
    if (closed) return;
    if (socket.active) return setStatus('reconnecting', 'SERVICE_UNAVAILABLE'); // Socket.IO retries by itself
    // Refused by the server's middleware (expired or invalid token): once more with a renewed one.
    const code = knownCode(err.data?.code ?? 'UNAUTHORIZED');
    lastError = { code, message: err.message };
    authFailures += 1;
    if (authFailures > 2) return setStatus('offline', code);
    renewToken = true;
    setStatus('reconnecting', code);
    later(() => socket.connect(), RETRY_MS / 4);
  });
  socket.on('chat:messages', (messages) => {
    const fresh = buffer.add(messages.filter((m) => m.channel === o.slug));
    if (fresh.length > 0) o.emit('chat:messages', fresh);
  });
  socket.on('chat:deleted', (p) => {
    if (p.channel !== o.slug) return;
    buffer.remove(p.ids);
    o.emit('chat:deleted', p);
  });
  socket.on('chat:cleared', (p) => {
    if (p.channel !== o.slug) return;
    buffer.clear();
    o.emit('chat:cleared', p);
  });
  socket.on('chat:viewers', (p) => {
    if (p.channel !== o.slug || !joinInfo) return;
    joinInfo = { ...joinInfo, viewerCount: p.count };
    o.emit('chat:viewers', p);
  });
  socket.on('chat:settings', (p) => {
    if (p.channel !== o.slug || !joinInfo) return;
    joinInfo = { ...joinInfo, settings: p.settings };
    o.emit('chat:settings', p);
  });
  socket.on('chat:notice', (n) => n.channel === o.slug && o.emit('chat:notice', n));
  o.emit('chat:connection', status);
  socket.connect();

  /** Resolves true once joined, false after `ms` (or when closed). */
  const whenJoined = (ms: number) =>
    joined ? Promise.resolve(true) : closed ? Promise.resolve(false) : new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      waiters.push(() => {
        clearTimeout(timer);
        resolve(joined);
      });
    });

  async function request<E extends ChatEvent>(event: E, payload: ChatPayload<E>): Promise<Ack<ChatData<E>>> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= ATTEMPTS;
      if (!(await whenJoined(o.ackTimeoutMs))) {
        if (closed) return fail('CHAT_NOT_JOINED', 'The chat was closed');
        if (last) return fail(lastError?.code ?? 'SERVICE_UNAVAILABLE', lastError?.message ?? 'Not connected to the chat server');
        continue;
      }
      const ack = await emitWithTimeout<ChatData<E>>(event, payload);
      if (closed) return fail('CHAT_NOT_JOINED', 'The chat was closed');
      if (ack?.ok) return ack;
      if (!ack && !last) continue;
      if (ack?.error.code === 'CHAT_NOT_JOINED' && !last) {
        rejoin();
        continue;
      }
      // The handshake's token expired while connected: reconnect with a fresh one, then resend.
      if (ack?.error.code === 'CHAT_AUTH_REQUIRED' && !tokenMissing && !last) {
        joined = false;
        socket.disconnect().connect();
        continue;
      }
      if (!ack) return fail('SERVICE_UNAVAILABLE', 'No answer from the chat server');
      const error = { code: knownCode(ack.error.code), message: ack.error.message };
      return { ok: false, error: ack.error.retryAfterSec === undefined ? error : { ...error, retryAfterSec: ack.error.retryAfterSec } };
    }
  }

  return {
    request,
    whenJoined,
    status: () => status,
    lastError: () => lastError,
    snapshot: (): ChatOpenResult | null => (joinInfo ? { channel: o.slug, history: buffer.list(), ...joinInfo } : null),
    close(): void {
      if (closed) return;
      closed = true;
      timers.forEach(clearTimeout);
      timers.clear();
      socket.removeAllListeners();
      socket.disconnect();
      const pending = waiters;
      waiters = [];
      pending.forEach((resolve) => resolve());
      setStatus('offline', null);
    },
  };
}

/** One channel's chat connection, see {@link createChatSession}. */
export type ChatSession = ReturnType<typeof createChatSession>;
