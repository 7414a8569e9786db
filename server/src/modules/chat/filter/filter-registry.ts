import { createLayeredFilter } from './chat-filter.js';
import { compileList, type CompiledList } from './compiled-list.js';
import type { ChatFilter, FilterAction, FilterOptions, WordEntry, WordListInput } from './types.js';

/** A channel's own words and its choice between masking and blocking. */
export interface ChannelWords {
  words: readonly (string | WordEntry)[];
  allow?: readonly string[];
  action?: FilterAction;
}

interface ChannelState {
  version: number;
  words: ChannelWords;
  compiled?: { baseVersion: number; version: number; list: CompiledList; filter: ChatFilter };
}

/**
 * Owns the base list and each channel's words. Each list is compiled once per version; a
 * channel's filter is cached under (base version, channel version) and rebuilt lazily when
 * either changes, never per message.
 */
export class FilterRegistry {
  private base: CompiledList;
  private baseVersion = 1;
  private baseFilter: ChatFilter;
  private readonly channels = new Map<string, ChannelState>();
  private readonly options: FilterOptions;

  constructor(base: WordListInput, options: FilterOptions = {}) {
    this.options = options;
    this.base = compileList(base);
    this.baseFilter = createLayeredFilter([this.base], options);
  }

  get version(): number {
    return this.baseVersion;
  }

  setBase(base: WordListInput): void {
    this.base = compileList(base);
    this.baseFilter = createLayeredFilter([this.base], this.options);
    this.baseVersion++;
  }

  setChannel(channelId: string, words: ChannelWords): void {
    const version = (this.channels.get(channelId)?.version ?? 0) + 1;
    this.channels.set(channelId, { version, words });
  }

  removeChannel(channelId: string): void {
    this.channels.delete(channelId);
  }

  /** The filter for a channel, or the base filter for a channel without its own words. */
  forChannel(channelId: string): ChatFilter {
    const state = this.channels.get(channelId);
    if (state === undefined) return this.baseFilter;
    const cached = state.compiled;
    if (cached !== undefined && cached.baseVersion === this.baseVersion && cached.version === state.version) {
      return cached.filter;
    }
    const list = cached?.version === state.version ? cached.list : compileList(state.words);
    const filter = createLayeredFilter([this.base, list], {
      ...this.options,
      action: state.words.action ?? this.options.action ?? 'mask',
    });
    state.compiled = { baseVersion: this.baseVersion, version: state.version, list, filter };
    return filter;
  }

  close(): void {
    this.channels.clear();
  }
}
