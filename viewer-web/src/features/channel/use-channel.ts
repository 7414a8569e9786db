import { useState } from 'react';
import type { ChannelPublic } from '@lait/shared';
import { isApiRequestError } from '../../lib/api';
import { useApi } from '../../lib/api-context';
import type { PollResult } from '../../lib/poller';
import { usePoller } from '../../lib/use-poller';

/** Offline pages poll fast so playback starts within seconds of going live. */
export const OFFLINE_POLL_MS = 3_000;
/** While live, the player notices the end itself; this poll refreshes the title and viewer count. */
export const LIVE_POLL_MS = 10_000;
export const ERROR_POLL_MS = 5_000;
/** Be right back, or a stalled player: the broadcast may resume any second. */
export const BRB_POLL_MS = 2_000;

export type ChannelState =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'error' }
  /** `stale`: the last refresh failed, so `channel` is the previous answer. */
  | { status: 'ready'; channel: ChannelPublic; stale: boolean };

function isNotFound(result: PollResult<ChannelPublic>): boolean {
  return !result.ok && isApiRequestError(result.error) && result.error.isNotFound;
}

/**
 * One channel, polled while the page is open. `onFresh` sees every successful answer (after a
 * `refresh()`, the first one it sees is the refreshed one).
 */
export function useChannel(
  slug: string,
  onFresh: (channel: ChannelPublic) => void,
  /** Poll fast whatever the answer (the player stalled). */
  isUrgent: () => boolean = () => false,
): { state: ChannelState; refresh: () => void } {
  const api = useApi();
  const [state, setState] = useState<ChannelState>({ status: 'loading' });
  const { refresh } = usePoller(`channel:${slug}`, {
    load: (signal) => api.getChannel(slug, signal),
    onResult: (result) => {
      if (result.ok) {
        setState({ status: 'ready', channel: result.data, stale: false });
        onFresh(result.data);
      } else if (isNotFound(result)) {
        setState({ status: 'not-found' });
      } else {
        setState((prev) => (prev.status === 'ready' ? { ...prev, stale: true } : { status: 'error' }));
      }
    },
    nextDelayMs: (result) => {
      if (result.ok && (result.data.status === 'reconnecting' || isUrgent())) return BRB_POLL_MS;
      if (result.ok) return result.data.live ? LIVE_POLL_MS : OFFLINE_POLL_MS;
      return isNotFound(result) ? null : ERROR_POLL_MS;
    },
  });
  return { state, refresh };
}
