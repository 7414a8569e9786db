import type { Ack as AckResult, ChatJoinResult, ChatMessage } from '@lait/shared';
import type { ChatAuth, ChatSocket } from '@lait/shared/chat-client';
import type { ChatSocketFactory } from './chat-socket';

type Listener = (...args: unknown[]) => void;
type Ack = (result: AckResult<unknown>) => void;
export interface Emitted {
  event: string;
  payload: Record<string, unknown>;
  ack: Ack;
}

/**
 * A stand-in for the Socket.IO client socket in unit tests: records emits (with their ack
 * callbacks) and lets the test play the server (`open`, `drop`, `push`, auto-answers by event).
 */
export class FakeChatSocket {
  connected = false;
  active = false;
  connectCalls = 0;
  readonly emitted: Emitted[] = [];
  readonly answers = new Map<string, (payload: Record<string, unknown>) => AckResult<unknown> | undefined>();
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(readonly auth: ChatAuth) {}

  on(event: string, fn: Listener) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(fn);
    return this;
  }

  removeAllListeners() {
    this.listeners.clear();
    return this;
  }

  emit(event: string, payload: Record<string, unknown>, ack: Ack) {
    this.emitted.push({ event, payload, ack });
    const answer = this.answers.get(event)?.(payload);
    if (answer) queueMicrotask(() => ack(answer));
    return this;
  }

  /** Socket.IO's `socket.timeout(ms).emitWithAck()`: rejects when no ack came in time. */
  timeout(ms: number) {
    return {
      emitWithAck: (event: string, payload: Record<string, unknown>) =>
        new Promise<AckResult<unknown>>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('operation has timed out')), ms);
          this.emit(event, payload, (result) => {
            clearTimeout(timer);
            resolve(result);
          });
        }),
    };
  }

  connect() {
    this.active = true;
    this.connectCalls += 1;
    return this;
  }

  disconnect() {
    this.active = false;
    if (this.connected) this.drop('io client disconnect');
    return this;
  }

  /** The server accepted the handshake. */
  open() {
    this.connected = true;
    this.fire('connect');
  }

  drop(reason = 'transport close') {
    this.connected = false;
    this.fire('disconnect', reason);
  }

  push(event: string, payload: unknown) {
    this.fire(event, payload);
  }

  sent(event: string): Emitted[] {
    return this.emitted.filter((e) => e.event === event);
  }

  private fire(event: string, ...args: unknown[]) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
}

/** A factory for ChatSocketContext that keeps every socket it made. */
export function createFakeSockets() {
  const sockets: FakeChatSocket[] = [];
  const factory: ChatSocketFactory = (auth) => {
    const socket = new FakeChatSocket(auth);
    sockets.push(socket);
    return socket as unknown as ChatSocket;
  };
  return { factory, sockets, latest: () => sockets.at(-1)! };
}

export function makeMessage(id: number | string, overrides: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: String(id),
    channel: 'alpha',
    user: { id: 7, nickname: '시청자', role: 'viewer' },
    text: `메시지 ${id}`,
    createdAt: new Date(0).toISOString(),
    nonce: `nonce-${id}`,
    ...overrides,
  };
}

export function joinResult(overrides: Partial<ChatJoinResult> = {}): ChatJoinResult {
  return {
    history: [],
    hasMore: false,
    viewerCount: 3,
    settings: { slowModeSec: 0, followersOnlyMin: null, filterMode: 'mask' },
    role: 'viewer',
    restriction: null,
    ...overrides,
  };
}
