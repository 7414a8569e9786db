import { LRUCache } from 'lru-cache';
import type { ChatRestriction, ChatRole, ChatSettings } from '@lait/shared';
import type { ChannelRepository } from '../channels/channel.repository.js';
import type { ChatModerationRepository } from './chat-moderation.repository.js';

/** What a send or a moderation decision needs about a channel, cached per process. */
export interface ChannelState {
  id: number;
  slug: string;
  ownerId: number | null;
  settings: ChatSettings;
  moderators: Set<number>;
  banned: Set<number>;
  /** userId → end of a running timeout. */
  timeouts: Map<number, Date>;
  words: string[];
}

/** A cached state is reloaded after this long even without an invalidation (a lost one, say). */
const STATE_TTL_MS = 60_000;
/** Channels whose state one process keeps; the least recently used go first. */
const MAX_STATES = 10_000;
/** Slugs that named no channel: a few, briefly, so a flood of random slugs costs bounded memory. */
const MAX_UNKNOWN = 1_000;
const UNKNOWN_TTL_MS = 5_000;

/**
 * Channel states by channel id, found by slug through a slug → id map. Both are bounded LRUs with
 * a TTL. Moderation changes and renames invalidate the channel on every process (through the
 * adapter's server-side events); the TTL bounds the damage of an invalidation lost while Redis
 * was down. A state found through the map must still carry the slug asked for, so an old slug
 * never reaches a renamed channel, nor a channel that took a freed slug its previous owner.
 */
export class ChannelStates {
  private readonly byId = new LRUCache<number, ChannelState>({ max: MAX_STATES, ttl: STATE_TTL_MS });
  private readonly idBySlug = new LRUCache<string, number>({ max: MAX_STATES, ttl: STATE_TTL_MS });
  private readonly unknown = new LRUCache<string, true>({ max: MAX_UNKNOWN, ttl: UNKNOWN_TTL_MS });
  /** The slug rooms are addressed by in events (viewer counts), kept past the state's TTL. */
  private readonly slugById = new LRUCache<number, string>({ max: MAX_STATES });
  /** Loads under way, so that concurrent joins of one slug share one read. */
  private readonly loading = new Map<string, Promise<ChannelState | null>>();
  private readonly listeners: ((state: ChannelState) => void)[] = [];
  /** Bumped by every invalidation: a load that started before one is returned but not cached. */
  private epoch = 0;

  constructor(
    private readonly channels: ChannelRepository,
    private readonly moderation: ChatModerationRepository,
  ) {}

  get(slug: string): Promise<ChannelState | null> {
    const id = this.idBySlug.get(slug);
    const hit = id === undefined ? undefined : this.byId.get(id);
    if (hit?.slug === slug) return Promise.resolve(hit);
    if (this.unknown.has(slug)) return Promise.resolve(null);
    const pending = this.loading.get(slug);
    if (pending) return pending;
    // A failed load (database down) is not cached.
    const state = this.load(slug).finally(() => this.loading.delete(slug));
    this.loading.set(slug, state);
    return state;
  }

  /** Drops the channel's state and every slug that led to it (moderation change, rename). */
  invalidate(channelId: number): void {
    this.epoch += 1;
    const state = this.byId.get(channelId);
    this.byId.delete(channelId);
    if (state && this.idBySlug.get(state.slug) === channelId) this.idBySlug.delete(state.slug);
    // The new slug of a renamed channel may have been looked up (and not found) a moment ago.
    this.unknown.clear();
  }

  slugOf(channelId: number): string | undefined {
    return this.slugById.get(channelId);
  }

  /** How many entries the caches hold (a bound the tests check). */
  get size(): { states: number; slugs: number; unknown: number } {
    return { states: this.byId.size, slugs: this.idBySlug.size, unknown: this.unknown.size };
  }

  /** Called with every freshly loaded state (the filter registry follows the channel's words). */
  onLoad(fn: (state: ChannelState) => void): void {
    this.listeners.push(fn);
  }

  private async load(slug: string): Promise<ChannelState | null> {
    const epoch = this.epoch;
    const channel = await this.channels.findBySlug(slug);
    if (!channel) {
      if (epoch === this.epoch) this.unknown.set(slug, true);
      return null;
    }
    const [settings, moderators, banned, timeouts, words] = await Promise.all([
      this.moderation.settings(channel.id),
      this.moderation.moderatorIds(channel.id),
      this.moderation.bannedUserIds(channel.id),
      this.moderation.activeTimeouts(channel.id),
      this.moderation.channelWords(channel.id),
    ]);
    const state: ChannelState = { id: channel.id, slug, ownerId: channel.ownerId, settings, moderators: new Set(moderators), banned: new Set(banned), timeouts, words };
    this.slugById.set(channel.id, slug);
    if (epoch === this.epoch) {
      this.byId.set(channel.id, state);
      this.idBySlug.set(slug, channel.id);
    }
    for (const fn of this.listeners) fn(state);
    return state;
  }
}

/** What keeps a viewer from writing here: a ban, or a timeout still running. Staff are never restricted. */
export function restrictionOf(state: ChannelState, userId: number | null, now = Date.now()): ChatRestriction | null {
  if (userId === null || roleOf(state, userId) !== 'viewer') return null;
  if (state.banned.has(userId)) return { kind: 'banned' };
  const until = state.timeouts.get(userId);
  return until && until.getTime() > now ? { kind: 'timedOut', until: until.toISOString() } : null;
}

export function roleOf(state: ChannelState, userId: number | null): ChatRole | null {
  if (userId === null) return null;
  if (state.ownerId === userId) return 'streamer';
  return state.moderators.has(userId) ? 'moderator' : 'viewer';
}
