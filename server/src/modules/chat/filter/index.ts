export { createFilter, createLayeredFilter } from './chat-filter.js';
export { compileList, type CompiledList } from './compiled-list.js';
export { FilterRegistry, type ChannelWords } from './filter-registry.js';
export { runFilterCheck, type FilterCheckLine, type FilterCheckSummary } from './filter-check.js';
export { loadDefaultLists, parseAllowList, parseWordList, type DefaultLists } from './list-files.js';
export type { ChatFilter, FilterAction, FilterMatch, FilterOptions, FilterVerdict, WordEntry, WordListInput } from './types.js';
