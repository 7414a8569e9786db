import { CHAT_MAX_LENGTH, type ChatSend, type ChatSendResult } from '@lait/shared';
import type { FollowRepository } from '../follows/follow.repository.js';
import type { ChatBatcher } from './chat-batcher.js';
import { restrictionOf, roleOf, type ChannelStates } from './chat-channel-state.js';
import { authRequired, channelNotFound, ChatError, notJoined, unavailable } from './chat.errors.js';
import type { ChatFilters } from './chat-filter.js';
import type { ChatLimits } from './chat-limits.js';

/** Who is sending, as the socket layer knows it. */
export interface Sender {
  userId: number | null;
  nickname: string | null;
  /** Channels (by id) the socket has joined. */
  joined: { has(channelId: number): boolean };
}

/** The checks a message passes, in order, before it is queued for storage. */
export class ChatSendService {
  constructor(
    private readonly deps: { states: ChannelStates; follows: FollowRepository; filters: ChatFilters; limits: ChatLimits; batcher: ChatBatcher },
  ) {}

  async send(sender: Sender, input: ChatSend): Promise<ChatSendResult> {
    const { userId, nickname } = sender;
    if (userId === null || nickname === null) throw authRequired();
    const state = await this.deps.states.get(input.channel).catch(() => Promise.reject(unavailable()));
    if (!state) throw channelNotFound();
    if (!sender.joined.has(state.id)) throw notJoined();
    const resent = this.deps.batcher.knownNonce(state.id, userId, input.nonce);
    if (resent) return resent;

    const text = input.text.trim();
    const length = codePoints(text);
    if (length === 0) throw new ChatError('CHAT_EMPTY', 'Write something first');
    if (length > CHAT_MAX_LENGTH) throw new ChatError('CHAT_TOO_LONG', `At most ${CHAT_MAX_LENGTH} characters`);

    const role = roleOf(state, userId) ?? 'viewer';
    const exempt = role !== 'viewer';
    if (!exempt) {
      const restriction = restrictionOf(state, userId);
      if (restriction?.kind === 'banned') throw new ChatError('CHAT_BANNED', 'You are banned from this chat');
      if (restriction?.kind === 'timedOut') {
        throw new ChatError('CHAT_TIMED_OUT', 'You are timed out', Math.ceil((Date.parse(restriction.until) - Date.now()) / 1000));
      }
      const minAge = state.settings.followersOnlyMin;
      if (minAge !== null) await this.checkFollower(userId, state.id, minAge);
    }

    const verdict = this.deps.filters.forChannel(state.id).check(text);
    if (verdict.blocked) throw new ChatError('CHAT_FILTERED', 'This message contains words the channel does not allow');
    if (!exempt) await this.deps.limits.check({ channelId: state.id, userId, text, nonce: input.nonce, slowModeSec: state.settings.slowModeSec });
    return this.deps.batcher.enqueue(state.id, state.slug, { userId, nickname, role, text: verdict.masked, nonce: input.nonce });
  }

  private async checkFollower(userId: number, channelId: number, minAgeMin: number): Promise<void> {
    const follow = await this.deps.follows.find(userId, channelId).catch(() => Promise.reject(unavailable()));
    const ageMs = follow ? Date.now() - new Date(follow.createdAt).getTime() : -1;
    if (ageMs < 0 || ageMs < minAgeMin * 60_000) {
      const message = minAgeMin === 0 ? 'Followers only: follow the channel to chat' : `Followers only: chat after following for ${minAgeMin} min`;
      throw new ChatError('CHAT_FOLLOWERS_ONLY', message);
    }
  }
}

export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
