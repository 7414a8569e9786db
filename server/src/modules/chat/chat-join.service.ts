import { CHAT_PAGE_SIZE, type ChatChannelRef, type ChatHistory as ChatHistoryRequest, type ChatHistoryResult, type ChatJoin, type ChatJoinResult } from '@lait/shared';
import { restrictionOf, roleOf, type ChannelStates } from './chat-channel-state.js';
import { roomOf } from './chat-emitter.js';
import { channelNotFound, ChatError, notJoined, unavailable } from './chat.errors.js';
import type { ChatHistory } from './chat-history.js';
import type { ViewerPresence } from '../viewers/presence.js';
import { actorOf, type ChatSocket } from './chat.socket.js';

/** Joining and leaving a channel's room: history, presence, role. */
export class ChatJoinService {
  constructor(private readonly d: { states: ChannelStates; history: ChatHistory; presence: ViewerPresence }) {}

  /**
   * The socket enters the room before history is read, so no message can fall between the two.
   * Frames the socket receives while history is read are left out of the history, so that none
   * comes twice either (clients still de-duplicate by id, for a frame still on its way).
   */
  async join(socket: ChatSocket, input: ChatJoin): Promise<ChatJoinResult> {
    const state = await this.d.states.get(input.channel).catch(() => Promise.reject(unavailable()));
    if (!state) throw channelNotFound();
    const framed = new Set<string>();
    const watch = (event: string, ...args: unknown[]) => {
      if (event !== 'chat:messages' || !Array.isArray(args[0])) return;
      for (const m of args[0] as { id: string; channel: string }[]) if (m.channel === state.slug) framed.add(m.id);
    };
    socket.onAnyOutgoing(watch);
    try {
      // Dropped while the state was read (a socket disconnected for abuse, say): its disconnect
      // handler has run, so joining now would leave it in the room and in the viewer count for good.
      if (socket.disconnected) throw unavailable();
      if (!socket.data.joined.has(state.id)) {
        await socket.join(roomOf(state.id));
        const viewer = viewerKey(socket, state.ownerId);
        socket.data.joined.set(state.id, viewer);
        if (viewer) this.d.presence.join(state.id, viewer);
      }
      const page = input.sinceId !== undefined
        ? await this.d.history.since(state.id, state.slug, Number(input.sinceId))
        : await this.d.history.recent(state.id, state.slug);
      return {
        history: framed.size === 0 ? page.messages : page.messages.filter((m) => !framed.has(m.id)),
        hasMore: page.hasMore,
        viewerCount: this.d.presence.total(state.id),
        settings: state.settings,
        role: roleOf(state, actorOf(socket)),
        restriction: restrictionOf(state, actorOf(socket)),
      };
    } catch (err) {
      if (err instanceof ChatError) throw err;
      throw unavailable();
    } finally {
      socket.offAnyOutgoing(watch);
    }
  }

  /** Older messages of a joined channel, a page at a time. */
  async history(socket: ChatSocket, input: ChatHistoryRequest): Promise<ChatHistoryResult> {
    const state = await this.d.states.get(input.channel).catch(() => Promise.reject(unavailable()));
    if (!state) throw channelNotFound();
    if (!socket.data.joined.has(state.id)) throw notJoined();
    try {
      return await this.d.history.before(state.id, state.slug, Number(input.beforeId), input.limit ?? CHAT_PAGE_SIZE);
    } catch {
      throw unavailable();
    }
  }

  async leave(socket: ChatSocket, input: ChatChannelRef): Promise<null> {
    const state = await this.d.states.get(input.channel).catch(() => Promise.reject(unavailable()));
    if (state && socket.data.joined.has(state.id)) {
      const viewer = socket.data.joined.get(state.id);
      socket.data.joined.delete(state.id);
      await socket.leave(roomOf(state.id));
      if (viewer) this.d.presence.leave(state.id, viewer);
    }
    return null;
  }

  disconnected(socket: ChatSocket): void {
    for (const [channelId, viewer] of socket.data.joined) if (viewer) this.d.presence.leave(channelId, viewer);
    socket.data.joined.clear();
  }
}

/**
 * Who a socket counts as among a channel's viewers: a signed-in user once however many tabs they
 * have open, an anonymous page per socket, and the streamer (their dashboard or desktop chat)
 * not at all — a streamer alone on their channel sees 0 viewers, as on Twitch.
 */
function viewerKey(socket: ChatSocket, ownerId: number | null): string | null {
  const userId = socket.data.userId;
  if (userId !== null && userId === ownerId) return null;
  return userId !== null ? `u:${userId}` : `s:${socket.id}`;
}
