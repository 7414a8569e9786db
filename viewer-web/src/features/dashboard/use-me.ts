import { useState } from 'react';
import type { ChannelOwner, Me } from '@lait/shared';
import { useApi } from '../../lib/api-context';
import { usePoller } from '../../lib/use-poller';
import { useAuth } from '../auth/auth-context';

/** Live status and stream health come with /api/me; ~5 s is how fresh the dashboard keeps them. */
export const ME_POLL_MS = 5_000;

export type MeState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; me: Me; stale: boolean };

export function useMe(userId: number): { state: MeState; setChannel: (channel: ChannelOwner) => void } {
  const api = useApi();
  const { withToken } = useAuth();
  const [state, setState] = useState<MeState>({ status: 'loading' });
  usePoller(`me:${userId}`, {
    load: (signal) => withToken((token) => api.getMe(token, signal)),
    onResult: (result) => {
      if (result.ok) setState({ status: 'ready', me: result.data, stale: false });
      else setState((prev) => (prev.status === 'ready' ? { ...prev, stale: true } : { status: 'error', error: result.error }));
    },
    nextDelayMs: () => ME_POLL_MS,
  });
  const setChannel = (channel: ChannelOwner) =>
    setState((prev) => (prev.status === 'ready' ? { ...prev, me: { ...prev.me, channel } } : prev));
  return { state, setChannel };
}
