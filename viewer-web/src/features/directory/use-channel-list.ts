import { useState } from 'react';
import type { ChannelPublic } from '@lait/shared';
import { usePoller } from '../../lib/use-poller';

export const DIRECTORY_REFRESH_MS = 15_000;

export type ChannelListState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  /** `stale`: the last refresh failed, so `channels` is the previous answer. */
  | { status: 'ready'; channels: ChannelPublic[]; stale: boolean };

/**
 * A list of channels loaded by `load` and refreshed every {@link DIRECTORY_REFRESH_MS}; a new `key`
 * (another category, another search) starts over.
 */
export function useChannelList(key: string, load: (signal: AbortSignal) => Promise<{ channels: ChannelPublic[] }>): ChannelListState {
  const [state, setState] = useState<{ key: string; value: ChannelListState }>({ key, value: { status: 'loading' } });
  usePoller(key, {
    load,
    onResult: (result) => {
      setState((prev) => {
        const previous = prev.key === key ? prev.value : null;
        if (result.ok) return { key, value: { status: 'ready', channels: result.data.channels, stale: false } };
        if (previous?.status === 'ready') return { key, value: { ...previous, stale: true } };
        return { key, value: { status: 'error', error: result.error } };
      });
    },
    nextDelayMs: () => DIRECTORY_REFRESH_MS,
  });
  // A new key shows "loading" at once rather than the previous list.
  return state.key === key ? state.value : { status: 'loading' };
}
