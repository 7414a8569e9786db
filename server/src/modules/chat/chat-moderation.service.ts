import type { ChatDelete, ChatModerator, ChatSettings, ChatSettingsUpdate, ChatTimeout, ChatUserRef } from '@lait/shared';
import type { UserRepository } from '../users/user.repository.js';
import { roleOf, type ChannelState, type ChannelStates } from './chat-channel-state.js';
import type { ChatEmitter } from './chat-emitter.js';
import { authRequired, channelNotFound, ChatError, forbidden, unavailable } from './chat.errors.js';
import type { ChatHistory } from './chat-history.js';
import type { ChatMessageRepository } from './chat-message.repository.js';
import type { ChatModerationRepository } from './chat-moderation.repository.js';

/** Longest timeout after escalation: two weeks, the protocol's own maximum. */
export const MAX_TIMEOUT_SEC = 1_209_600;
/** A ban or timeout also removes what the user said recently. */
const PURGE_WINDOW_MS = 3_600_000;

interface ModerationDeps {
  states: ChannelStates;
  moderation: ChatModerationRepository;
  messages: ChatMessageRepository;
  users: UserRepository;
  history: ChatHistory;
  emitter: ChatEmitter;
}

/**
 * What the streamer and their moderators can do. Every change is written to the database first,
 * then every process drops its cached state, then the room is told.
 */
export class ChatModerationService {
  constructor(private readonly d: ModerationDeps) {}

  /** The channel's own filter words (on top of the base list). */
  channelWords(channelId: number): Promise<string[]> {
    return this.d.moderation.channelWords(channelId);
  }

  /** Replaces the channel's own words, each trimmed, lower-cased and kept once, sorted; every process reloads the channel. */
  async replaceChannelWords(channelId: number, input: readonly string[]): Promise<string[]> {
    const words = [...new Set(input.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0))].sort();
    await this.d.moderation.replaceChannelWords(channelId, words);
    this.d.emitter.invalidate(channelId);
    return words;
  }

  async deleteMessage(actor: number | null, input: ChatDelete): Promise<null> {
    const state = await this.authorise(actor, input.channel);
    await this.db(() => this.d.messages.markDeleted(state.id, [Number(input.messageId)]));
    await this.d.history.markDeleted(state.id, [input.messageId]);
    this.d.emitter.deleted(state.id, state.slug, [input.messageId]);
    return null;
  }

  /** Escalates: the requested time doubles for each earlier timeout in the last 24 h, capped. */
  async timeout(actor: number | null, input: ChatTimeout): Promise<{ until: string }> {
    const state = await this.authorise(actor, input.channel);
    await this.checkTarget(state, actor!, input.userId);
    const prior = await this.db(() => this.d.moderation.countTimeoutsSince(state.id, input.userId, new Date(Date.now() - 86_400_000)));
    const seconds = Math.min(MAX_TIMEOUT_SEC, input.seconds * 2 ** Math.min(prior, 20));
    const until = new Date(Date.now() + seconds * 1000);
    await this.db(() => this.d.moderation.addTimeout(state.id, input.userId, seconds, until, actor!));
    await this.purge(state, input.userId);
    this.d.emitter.invalidate(state.id);
    this.d.emitter.notice(state.id, { channel: state.slug, code: 'USER_TIMED_OUT', message: `User timed out for ${seconds} s`, params: { userId: input.userId, seconds, until: until.toISOString() } });
    return { until: until.toISOString() };
  }

  async ban(actor: number | null, input: ChatUserRef): Promise<null> {
    const state = await this.authorise(actor, input.channel);
    await this.checkTarget(state, actor!, input.userId);
    await this.db(() => this.d.moderation.ban(state.id, input.userId, actor!));
    await this.purge(state, input.userId);
    this.d.emitter.invalidate(state.id);
    this.d.emitter.notice(state.id, { channel: state.slug, code: 'USER_BANNED', message: 'User banned', params: { userId: input.userId } });
    return null;
  }

  async unban(actor: number | null, input: ChatUserRef): Promise<null> {
    const state = await this.authorise(actor, input.channel);
    await this.db(() => this.d.moderation.unban(state.id, input.userId));
    this.d.emitter.invalidate(state.id);
    this.d.emitter.notice(state.id, { channel: state.slug, code: 'USER_UNBANNED', message: 'User unbanned', params: { userId: input.userId } });
    return null;
  }

  async clear(actor: number | null, input: { channel: string }): Promise<null> {
    const state = await this.authorise(actor, input.channel);
    await this.db(() => this.d.messages.clear(state.id));
    await this.d.history.clear(state.id);
    this.d.emitter.cleared(state.id, state.slug);
    return null;
  }

  async settings(actor: number | null, input: ChatSettingsUpdate): Promise<ChatSettings> {
    const state = await this.authorise(actor, input.channel);
    const { channel: _slug, ...patch } = input;
    const settings: ChatSettings = { ...state.settings, ...patch };
    await this.db(() => this.d.moderation.saveSettings(state.id, settings));
    this.d.emitter.invalidate(state.id);
    this.d.emitter.settings(state.id, state.slug, settings);
    return settings;
  }

  /** Only the streamer appoints or removes moderators. */
  async moderator(actor: number | null, input: ChatModerator): Promise<null> {
    const state = await this.authorise(actor, input.channel);
    if (state.ownerId !== actor) throw forbidden('Only the streamer appoints moderators');
    if (input.userId === actor) throw new ChatError('VALIDATION_FAILED', 'The streamer is not a moderator of their own channel');
    await this.requireUser(input.userId);
    await this.db(() => this.d.moderation.setModerator(state.id, input.userId, input.moderator));
    this.d.emitter.invalidate(state.id);
    const code = input.moderator ? 'MODERATOR_ADDED' : 'MODERATOR_REMOVED';
    this.d.emitter.notice(state.id, { channel: state.slug, code, message: code === 'MODERATOR_ADDED' ? 'New moderator' : 'Moderator removed', params: { userId: input.userId } });
    return null;
  }

  private async authorise(actor: number | null, slug: string): Promise<ChannelState> {
    if (actor === null) throw authRequired();
    const state = await this.db(() => this.d.states.get(slug));
    if (!state) throw channelNotFound();
    if (roleOf(state, actor) === 'viewer') throw forbidden();
    return state;
  }

  /** Nobody acts on the streamer; moderators do not act on each other. */
  private async checkTarget(state: ChannelState, actor: number, target: number): Promise<void> {
    const role = roleOf(state, target);
    if (target === actor || role === 'streamer' || (role === 'moderator' && state.ownerId !== actor)) throw forbidden('You cannot do that to this user');
    await this.requireUser(target);
  }

  private async requireUser(userId: number): Promise<void> {
    if (!(await this.db(() => this.d.users.findById(userId)))) throw new ChatError('NOT_FOUND', 'No such user');
  }

  private async purge(state: ChannelState, userId: number): Promise<void> {
    const ids = await this.db(() => this.d.messages.deleteByUser(state.id, userId, new Date(Date.now() - PURGE_WINDOW_MS)));
    if (ids.length === 0) return;
    await this.d.history.markDeleted(state.id, ids);
    this.d.emitter.deleted(state.id, state.slug, ids);
  }

  private async db<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ChatError) throw err;
      throw unavailable();
    }
  }
}
