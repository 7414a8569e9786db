import type { Socket } from 'socket.io-client';
import { ERROR_CODES, type Ack, type ErrorCode } from '../errors/codes.js';
import type { ChatData, ChatEvent, ChatPayload, ClientToServerEvents, ServerToClientEvents } from './events.js';
import { timers } from './timers.js';
import type { ChatCleared, ChatDeleted, ChatJoinResult, ChatMessage, ChatNotice, ChatSettingsChanged, ChatViewers } from './messages.js';

/** The typed Socket.IO client socket both apps create (with `autoConnect: false`). */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Socket.IO's `auth` callback: called before every (re)connection, so each handshake carries a fresh token. */
export type ChatAuth = (cb: (auth: { token?: string }) => void) => void;

export type ChatClientState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** What the client reports; every payload already belongs to the client's channel. */
export interface ChatClientListener {
  status(state: ChatClientState, code: ErrorCode | null): void;
  joined(result: ChatJoinResult): void;
  messages(messages: ChatMessage[]): void;
  deleted(payload: ChatDeleted): void;
  cleared(payload: ChatCleared): void;
  viewers(payload: ChatViewers): void;
  settings(payload: ChatSettingsChanged): void;
  notice(notice: ChatNotice): void;
}

export interface ChatClientOptions {
  slug: string;
  /** Creates the socket (not connected) with the client's `auth` callback; the app picks URL and transports. */
  createSocket: (auth: ChatAuth) => ChatSocket;
  /** An access token, or null to read anonymously; `renew` after the server refused the last one. */
  getToken: (renew: boolean) => Promise<string | null>;
  /** The newest message id the app holds: a (re)join asks only for what came after it. */
  lastId: () => string | null;
  listener: ChatClientListener;
  /**
   * After {@link AUTH_ATTEMPTS} refused handshakes in a row: read without a token (a page must
   * still show the chat) or stop (the desktop app shows why).
   */
  whenAuthRefused: 'read-anonymously' | 'stop';
  /** How long an ack may take before the same payload (same nonce) goes out again. */
  ackTimeoutMs?: number;
  /** Pause before a retried join or reconnect. */
  retryMs?: number;
}

export const ACK_TIMEOUT_MS = 5_000;
/** Attempts per request; a resend carries the same payload, so the server's nonce check keeps it single. */
export const REQUEST_ATTEMPTS = 3;
export const AUTH_ATTEMPTS = 2;
const RETRY_MS = 1_000;

/** Codes the server answers that the app cannot know yet fall back to INTERNAL. */
export const toErrorCode = (code: unknown): ErrorCode =>
  typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'INTERNAL';

const failure = (code: ErrorCode, message: string) => ({ ok: false as const, error: { code, message } });

type LooseEmitter = { emitWithAck(event: string, payload: unknown): Promise<unknown> };

/** One Socket.IO connection to one channel's chat, see {@link createChatClient}. */
export class ChatClient {
  private readonly socket: ChatSocket;
  private readonly ackTimeoutMs: number;
  private readonly retryMs: number;
  private readonly pending = new Set<unknown>();
  private waiters: (() => void)[] = [];
  /** Bumped on every (dis)connect: a join answered for an older connection is dropped. */
  private connection = 0;
  private joined = false;
  private isClosed = false;
  private authFailures = 0;
  private renewToken = false;
  private sentToken = false;
  private error: { code: ErrorCode; message: string } | null = null;

  constructor(private readonly o: ChatClientOptions) {
    this.ackTimeoutMs = o.ackTimeoutMs ?? ACK_TIMEOUT_MS;
    this.retryMs = o.retryMs ?? RETRY_MS;
    this.socket = o.createSocket((cb) => this.handshake(cb));
    this.listen();
    o.listener.status('connecting', null);
    this.socket.connect();
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Why the last join, handshake or request failed; null once joined. */
  lastError(): { code: ErrorCode; message: string } | null {
    return this.error;
  }

  /** Resolves true once joined, false after `ms` or when closed. */
  whenJoined(ms: number): Promise<boolean> {
    if (this.joined || this.isClosed) return Promise.resolve(this.joined);
    return new Promise((resolve) => {
      const timer = timers.setTimeout(() => resolve(false), ms);
      this.waiters.push(() => (timers.clearTimeout(timer), resolve(this.joined)));
    });
  }

  /**
   * Waits for the join, emits, and tries again on a lost ack (same payload), a lost join
   * (re-joins first) or an expired token (reconnects with a renewed one). Never throws.
   */
  async request<E extends ChatEvent>(event: E, payload: ChatPayload<E>): Promise<Ack<ChatData<E>>> {
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= REQUEST_ATTEMPTS;
      const joined = await this.whenJoined(this.ackTimeoutMs);
      if (this.isClosed) return failure('CHAT_NOT_JOINED', 'The chat was closed');
      if (!joined) {
        if (last) return failure(this.error?.code ?? 'SERVICE_UNAVAILABLE', this.error?.message ?? 'Not connected to the chat server');
        continue;
      }
      const ack = await this.emit<ChatData<E>>(event, payload);
      if (this.isClosed) return failure('CHAT_NOT_JOINED', 'The chat was closed');
      if (ack?.ok) return ack;
      if (last || !this.recover(ack)) return ack ? this.normalize(ack) : failure('SERVICE_UNAVAILABLE', 'No answer from the chat server');
    }
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.pending.forEach((timer) => timers.clearTimeout(timer));
    this.pending.clear();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.releaseWaiters();
    this.o.listener.status('offline', null);
  }

  /** Whether a failed request is worth another attempt, after doing what makes it so. */
  private recover(ack: Ack<unknown> | null): boolean {
    if (!ack) return true;
    if (ack.ok) return false;
    if (ack.error.code === 'CHAT_NOT_JOINED') {
      this.rejoin();
      return true;
    }
    // The handshake's token expired while connected: a new handshake with a renewed one.
    if (ack.error.code === 'CHAT_AUTH_REQUIRED' && this.sentToken) {
      this.joined = false;
      this.renewToken = true;
      this.socket.disconnect().connect();
      return true;
    }
    return false;
  }

  private handshake(cb: (auth: { token?: string }) => void): void {
    const renew = this.renewToken;
    this.renewToken = false;
    if (this.authFailures >= AUTH_ATTEMPTS) return ((this.sentToken = false), cb({}));
    this.o.getToken(renew).then(
      (token) => ((this.sentToken = token !== null), cb(token === null ? {} : { token })),
      // Signed out meanwhile: read without a token; sending then answers CHAT_AUTH_REQUIRED.
      () => ((this.sentToken = false), cb({})),
    );
  }

  private listen(): void {
    const { socket, o } = this;
    const mine = <P extends { channel: string }>(fn: (p: P) => void) => (p: P) => p.channel === o.slug && fn(p);
    socket.on('connect', () => this.rejoin());
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => this.onConnectError(err));
    socket.on('chat:messages', (messages) => {
      const ours = messages.filter((m) => m.channel === o.slug);
      if (ours.length > 0) o.listener.messages(ours);
    });
    socket.on('chat:deleted', mine((p) => o.listener.deleted(p)));
    socket.on('chat:cleared', mine((p) => o.listener.cleared(p)));
    socket.on('chat:viewers', mine((p) => o.listener.viewers(p)));
    socket.on('chat:settings', mine((p) => o.listener.settings(p)));
    socket.on('chat:notice', mine((n) => o.listener.notice(n)));
  }

  private onDisconnect(reason: string): void {
    this.joined = false;
    this.connection += 1;
    if (this.isClosed) return;
    this.o.listener.status('reconnecting', 'SERVICE_UNAVAILABLE');
    // The server let go on purpose (a restart, a deploy): Socket.IO does not retry that by itself.
    if (reason === 'io server disconnect') this.later(() => this.socket.connect(), this.retryMs);
  }

  private onConnectError(err: Error & { data?: { code?: unknown } }): void {
    if (this.isClosed) return;
    // A transport failure: Socket.IO backs off and retries by itself.
    if (this.socket.active) return this.o.listener.status('reconnecting', 'SERVICE_UNAVAILABLE');
    // Refused by the server's middleware (an expired or invalid token): again with a renewed one.
    const code = toErrorCode(err.data?.code ?? 'UNAUTHORIZED');
    this.error = { code, message: err.message };
    this.authFailures += 1;
    if (this.authFailures >= AUTH_ATTEMPTS && this.o.whenAuthRefused === 'stop') {
      this.releaseWaiters();
      return this.o.listener.status('offline', code);
    }
    this.renewToken = true;
    this.o.listener.status('reconnecting', code);
    this.later(() => this.socket.connect(), this.retryMs / 4);
  }

  private rejoin(): void {
    this.joined = false;
    this.connection += 1;
    void this.join();
  }

  /** The one place a join is asked for: on every connect, after CHAT_NOT_JOINED, and retried on failure. */
  private async join(): Promise<void> {
    const mine = this.connection;
    const sinceId = this.o.lastId();
    const ack = await this.emit<ChatJoinResult>('chat:join', sinceId === null ? { channel: this.o.slug } : { channel: this.o.slug, sinceId });
    if (this.isClosed || mine !== this.connection || !this.socket.connected) return;
    if (!ack?.ok) {
      this.error = ack ? { code: toErrorCode(ack.error.code), message: ack.error.message } : { code: 'SERVICE_UNAVAILABLE', message: 'No answer from the chat server' };
      this.o.listener.status('reconnecting', this.error.code);
      return this.later(() => mine === this.connection && void this.join(), this.retryMs * 2);
    }
    this.joined = true;
    this.authFailures = 0;
    this.error = null;
    this.o.listener.joined(ack.data);
    this.o.listener.status('connected', this.sentToken ? null : 'UNAUTHORIZED');
    this.releaseWaiters();
  }

  /** One attempt: the ack, or null when none came within the ack timeout. */
  private async emit<R>(event: ChatEvent, payload: unknown): Promise<Ack<R> | null> {
    const emitter = this.socket.timeout(this.ackTimeoutMs) as unknown as LooseEmitter;
    return emitter.emitWithAck(event, payload).then((ack) => ack as Ack<R>, () => null);
  }

  private normalize<T>(ack: Ack<T> & { ok: false }): Ack<T> {
    const error = { code: toErrorCode(ack.error.code), message: ack.error.message };
    return { ok: false, error: ack.error.retryAfterSec === undefined ? error : { ...error, retryAfterSec: ack.error.retryAfterSec } };
  }

  private releaseWaiters(): void {
    const ready = this.waiters;
    this.waiters = [];
    ready.forEach((resolve) => resolve());
  }

  private later(fn: () => void, ms: number): void {
    const timer = timers.setTimeout(() => {
      this.pending.delete(timer);
      if (!this.isClosed) fn();
    }, ms);
    this.pending.add(timer);
  }
}

/**
 * Connects one channel's chat the same way in the browser and in the desktop app: joins on every
 * (re)connect with the last id the app has (the reply holds exactly what was missed), takes a fresh
 * token for every handshake, and answers requests with Acks after up to three attempts.
 *
 * Not Socket.IO's own `retries` option: that queues every emit behind the previous one's ack and
 * resends across a reconnect before the re-join, which the server refuses (CHAT_NOT_JOINED).
 * @see https://socket.io/docs/v4/client-options/#retries
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  return new ChatClient(options);
}
