import { FilterRegistry, loadDefaultLists, type ChatFilter } from './filter/index.js';
import type { ChannelState } from './chat-channel-state.js';

/** The base word lists (compiled once per process) and each channel's own words and mode. */
export class ChatFilters {
  private readonly registry = new FilterRegistry(loadDefaultLists(), { action: 'mask' });
  private readonly applied = new Map<number, string>();

  /** Follows a freshly loaded channel state; recompiles only when the words or mode changed. */
  apply(state: ChannelState): void {
    const signature = `${state.settings.filterMode}\n${state.words.join('\n')}`;
    if (this.applied.get(state.id) === signature) return;
    this.applied.set(state.id, signature);
    const key = String(state.id);
    // The channel's mode governs everything its filter finds, base list included.
    if (state.words.length === 0 && state.settings.filterMode === 'mask') this.registry.removeChannel(key);
    else this.registry.setChannel(key, { words: state.words, action: state.settings.filterMode });
  }

  forChannel(channelId: number): ChatFilter {
    return this.registry.forChannel(String(channelId));
  }

  close(): void {
    this.registry.close();
  }
}
