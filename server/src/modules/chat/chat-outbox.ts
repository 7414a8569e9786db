import { compareIds, type ChatMessage } from '@lait/shared';

/** Frames of `chat:messages` per room: the tick rises with the room's local sockets (see `tickForSockets`). */
export const MIN_TICK_MS = 50;
/** A busy room's tick unless configured (`CHAT_BUSY_ROOM_TICK_MS`). */
export const BUSY_ROOM_TICK_MS = 75;
/** Up to this many local sockets a room ticks every MIN_TICK_MS; above, the tick rises in proportion up to the busy room's. */
const BUSY_ROOM_SOCKETS = 500;

/**
 * A room's tick: 50 ms for rooms up to 500 sockets on this process, rising in proportion to the
 * busy room's tick (75 ms by default: reached at 750). Fan-out costs one WebSocket frame per socket
 * per tick whatever the frame holds, so a big room gets fewer, fuller frames. A message waits for the tick, then for the frame to be written to
 * every socket before and after it (≈25 ms for 2,000 sockets with `emitToRoom`, ≈50 ms through
 * Socket.IO's broadcast). Measured with 2,000 sockets (bench/chat-fanout): 75 ms puts send → receive
 * p99 at 130-149 ms; 85 ms at 156-168 ms; 100 ms (with the slower write) at 183-189 ms.
 * @see /work/shared/FIELD-NOTES.md "Chat fan-out"
 */
export function tickForSockets(sockets: number, busyRoomTickMs = BUSY_ROOM_TICK_MS): number {
  if (sockets <= BUSY_ROOM_SOCKETS) return MIN_TICK_MS;
  return Math.min(busyRoomTickMs, Math.round((MIN_TICK_MS * sockets) / BUSY_ROOM_SOCKETS));
}

export interface OutboxDeps {
  /** Emits to this process's sockets in the room (never through the adapter). */
  emitLocal(channelId: number, batch: ChatMessage[]): void;
  /** The room's tick on this process (`tickForSockets` of its sockets here). */
  tickMs(channelId: number): number;
  /** Whether this process's tick of the room runs (its frame is due within a tick). */
  localTickPending(channelId: number): boolean;
  /** Starts this process's tick of the room if none runs; its end calls `local`. */
  startLocalTick(channelId: number): void;
}

interface Held {
  messages: ChatMessage[];
  timer: NodeJS.Timeout | null;
}

/**
 * The one place a room's messages leave this process for its sockets. Each process stores and
 * broadcasts the sends it received once per tick; batches from other processes (through Redis) are
 * held and go out with this process's next frame of the room, so a socket gets one frame per tick
 * however many processes its room's senders are on (two processes each framing their own batches
 * doubled the frames per socket: 0.57× the deliveries per CPU-s of one process).
 *
 * Every other room event (deletion, clear, settings, notice) first releases what is held, so no
 * socket hears of a deletion before the message it deletes.
 */
export class ChatOutbox {
  private readonly held = new Map<number, Held>();
  private readonly lastFrameAt = new Map<number, number>();

  constructor(private readonly deps: OutboxDeps) {}

  /** A batch this process stored (possibly empty: its tick ended); goes out now with anything held. */
  local(channelId: number, batch: ChatMessage[]): void {
    const held = this.take(channelId);
    if (held.length === 0 && batch.length === 0) return;
    this.emit(channelId, held.length === 0 ? batch : mergeById(held, batch));
  }

  /**
   * A batch another process stored. Goes out at once in a room quiet here for two ticks; otherwise
   * it joins this process's next frame of the room (starting a tick if none runs), so a busy room's
   * sockets get one frame per tick whichever process their messages came through.
   */
  remote(channelId: number, batch: ChatMessage[]): void {
    if (batch.length === 0) return;
    const tick = this.deps.tickMs(channelId);
    let h = this.held.get(channelId);
    const quietFor = Date.now() - (this.lastFrameAt.get(channelId) ?? 0);
    if (!h && quietFor >= 2 * tick && !this.deps.localTickPending(channelId)) {
      this.emit(channelId, batch);
      return;
    }
    if (!h) {
      h = { messages: [], timer: null };
      this.held.set(channelId, h);
    }
    h.messages.push(...batch);
    this.deps.startLocalTick(channelId);
    // A tick stuck behind a slow store must not hold them for long.
    h.timer ??= setTimeout(() => this.release(channelId), 3 * tick);
  }

  /** Sends what is held for the room now (before any other event of the room). */
  release(channelId: number): void {
    const held = this.take(channelId);
    if (held.length > 0) this.emit(channelId, held);
  }

  /** Sends everything held (shutdown). */
  releaseAll(): void {
    for (const channelId of [...this.held.keys()]) this.release(channelId);
  }

  private take(channelId: number): ChatMessage[] {
    const h = this.held.get(channelId);
    if (!h) return [];
    this.held.delete(channelId);
    if (h.timer) clearTimeout(h.timer);
    return h.messages;
  }

  private emit(channelId: number, batch: ChatMessage[]): void {
    this.lastFrameAt.set(channelId, Date.now());
    // Rooms come and go; the map keeps only rooms that framed within two of the longest tick (250 ms).
    if (this.lastFrameAt.size > 10_000) this.pruneOlderThan(Date.now() - 500);
    this.deps.emitLocal(channelId, batch);
  }

  private pruneOlderThan(t: number): void {
    for (const [id, at] of this.lastFrameAt) if (at < t) this.lastFrameAt.delete(id);
  }
}

/** Two batches in id order (ids are decimal strings of one counter per channel). */
function mergeById(a: ChatMessage[], b: ChatMessage[]): ChatMessage[] {
  return [...a, ...b].sort((x, y) => compareIds(x.id, y.id));
}
