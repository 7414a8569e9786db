import type { Ack as AckResult } from '../errors/codes.js';
import type { ChatAuth } from './chat-client.js';
import { timers } from './timers.js';

type Listener = (...args: unknown[]) => void;
type Ack = (result: AckResult<unknown>) => void;
export interface Emitted {
  event: string;
  payload: Record<string, unknown>;
  ack: Ack;
}

/**
 * A stand-in for the Socket.IO client socket in unit tests of chat clients (this package's and the
 * apps'): records emits (with their ack callbacks) and lets the test play the server (`open`,
 * `drop`, `refuse`, `push`, auto-answers by event).
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
    if (answer) void Promise.resolve().then(() => ack(answer));
    return this;
  }

  /** Socket.IO's `socket.timeout(ms).emitWithAck()`: rejects when no ack came in time. */
  timeout(ms: number) {
    return {
      emitWithAck: (event: string, payload: Record<string, unknown>) =>
        new Promise<AckResult<unknown>>((resolve, reject) => {
          const timer = timers.setTimeout(() => reject(new Error('operation has timed out')), ms);
          this.emit(event, payload, (result) => {
            timers.clearTimeout(timer);
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

  /** The server refused the handshake (its middleware's error, with `data.code`). */
  refuse(code: string) {
    this.active = false;
    this.fire('connect_error', Object.assign(new Error('refused'), { data: { code } }));
  }

  sent(event: string): Emitted[] {
    return this.emitted.filter((e) => e.event === event);
  }

  /** Delivers a server event (or a connection event) to the listeners. */
  fire(event: string, ...args: unknown[]) {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(...args);
  }
}

