import { useState } from 'react';
import type { ChannelPublic } from '@lait/shared';
import { useApi } from '../../lib/api-context';
import { usePoller } from '../../lib/use-poller';

export const DIRECTORY_REFRESH_MS = 15_000;

export type LiveChannelsState =
  | { status: 'loading' }
  | { status: 'error' }
  /** `stale`: the last refresh failed, so `channels` is the previous answer. */
  | { status: 'ready'; channels: ChannelPublic[]; stale: boolean };

/** Live channels, most watched first, refreshed every {@link DIRECTORY_REFRESH_MS}. */
export function useLiveChannels(): LiveChannelsState {
  const api = useApi();
  const [state, setState] = useState<LiveChannelsState>({ status: 'loading' });
  usePoller('live-channels', {
    load: (signal) => api.listChannels({ live: true, sort: 'viewers' }, signal),
    onResult: (result) => {
      if (result.ok) {
        setState({ status: 'ready', channels: result.data.channels, stale: false });
      } else {
        setState((prev) => (prev.status === 'ready' ? { ...prev, stale: true } : { status: 'error' }));
      }
    },
    nextDelayMs: () => DIRECTORY_REFRESH_MS,
  });
  return state;
}
