import type { ChatRole, ChatSettings } from '@lait/shared';
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

/**
 * Channel states by slug. Moderation changes invalidate the entry on every process (through
 * the adapter's server-side events); the TTL bounds the damage of an invalidation lost while
 * Redis was down.
 */
export class ChannelStates {
  private readonly bySlug = new Map<string, { at: number; state: Promise<ChannelState | null> }>();
  private readonly slugById = new Map<number, string>();
  private readonly listeners: ((state: ChannelState) => void)[] = [];

  constructor(
    private readonly channels: ChannelRepository,
    private readonly moderation: ChatModerationRepository,
  ) {}

  get(slug: string): Promise<ChannelState | null> {
    const hit = this.bySlug.get(slug);
    if (hit && Date.now() - hit.at < STATE_TTL_MS) return hit.state;
    const state = this.load(slug);
    this.bySlug.set(slug, { at: Date.now(), state });
    // A failed load (database down) is not cached.
    state.catch(() => this.bySlug.delete(slug));
    return state;
  }

  invalidate(channelId: number): void {
    const slug = this.slugById.get(channelId);
    if (slug !== undefined) this.bySlug.delete(slug);
  }

  slugOf(channelId: number): string | undefined {
    return this.slugById.get(channelId);
  }

  /** Called with every freshly loaded state (the filter registry follows the channel's words). */
  onLoad(fn: (state: ChannelState) => void): void {
    this.listeners.push(fn);
  }

  private async load(slug: string): Promise<ChannelState | null> {
    const channel = await this.channels.findBySlug(slug);
    if (!channel) return null;
    const [settings, moderators, banned, timeouts, words] = await Promise.all([
      this.moderation.settings(channel.id),
      this.moderation.moderatorIds(channel.id),
      this.moderation.bannedUserIds(channel.id),
      this.moderation.activeTimeouts(channel.id),
      this.moderation.channelWords(channel.id),
    ]);
    this.slugById.set(channel.id, slug);
    const state: ChannelState = { id: channel.id, slug, ownerId: channel.ownerId, settings, moderators: new Set(moderators), banned: new Set(banned), timeouts, words };
    for (const fn of this.listeners) fn(state);
    return state;
  }
}

export function roleOf(state: ChannelState, userId: number | null): ChatRole | null {
  if (userId === null) return null;
  if (state.ownerId === userId) return 'streamer';
  return state.moderators.has(userId) ? 'moderator' : 'viewer';
}
