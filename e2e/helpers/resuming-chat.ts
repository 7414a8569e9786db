import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { Ack, ChatMessage } from '@lait/shared';

/**
 * A chat client that behaves like the site's: it reconnects by itself (through the entry, so to
 * whichever API process answers), rejoins with `sinceId` = the last message it has, keeps messages
 * by id, and resends an unacknowledged message with the same nonce until it is acknowledged.
 */
export class ResumingChat {
  readonly socket: Socket;
  /** Every message received, by id (history on join and live batches). */
  readonly byId = new Map<string, ChatMessage>();
  /** Messages that arrived twice under one id (live and again in a resumed history). */
  repeats = 0;
  disconnects = 0;
  private lastId: bigint = 0n;
  private joined: Promise<void>;

  constructor(url: string, private readonly slug: string, token?: string) {
    this.socket = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500, auth: token ? { token } : {} });
    this.socket.on('chat:messages', (batch: ChatMessage[]) => this.keep(batch));
    this.socket.on('disconnect', () => this.disconnects++);
    this.joined = new Promise((resolve) => this.socket.once('connect', () => resolve()));
    this.socket.on('connect', () => {
      this.joined = this.join();
    });
  }

  private keep(messages: ChatMessage[]): void {
    for (const m of messages) {
      if (this.byId.has(m.id)) this.repeats++;
      this.byId.set(m.id, m);
      if (BigInt(m.id) > this.lastId) this.lastId = BigInt(m.id);
    }
  }

  private async join(): Promise<void> {
    const payload = this.lastId > 0n ? { channel: this.slug, sinceId: String(this.lastId) } : { channel: this.slug };
    const ack = (await this.socket.timeout(5000).emitWithAck('chat:join', payload).catch(() => null)) as Ack<{ history: ChatMessage[] }> | null;
    if (ack?.ok) this.keep(ack.data.history);
  }

  async ready(): Promise<void> {
    await this.joined;
    await this.joined;
  }

  /** Sends until acknowledged (same nonce each time); resolves with the stored message's id. */
  async send(text: string, deadlineMs = 30_000): Promise<string> {
    const nonce = randomBytes(8).toString('hex');
    const deadline = Date.now() + deadlineMs;
    let last = '';
    while (Date.now() < deadline) {
      if (!this.socket.connected) {
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      await this.joined;
      const ack = (await this.socket.timeout(3000).emitWithAck('chat:send', { channel: this.slug, text, nonce }).catch((e: Error) => ({ ok: false as const, error: { code: 'TIMEOUT', message: e.message } }))) as Ack<{ id: string }>;
      if (ack.ok) return ack.data.id;
      last = ack.error.code;
      const wait = 'retryAfterSec' in ack.error && ack.error.retryAfterSec ? ack.error.retryAfterSec * 1000 : 100;
      await new Promise((r) => setTimeout(r, wait));
    }
    throw new Error(`"${text}" was never acknowledged (last: ${last})`);
  }

  close(): void {
    this.socket.disconnect();
  }
}
