import type { AccountChannel, CategoryOption, ChannelUpdateArgs } from '@lait/shared';
import { useCallback, useEffect, useState } from 'react';
import type { Bridge } from '../../lib/bridge';
import type { UiError } from '../account/use-account';

/** Viewer counts change slowly and the server caches them; 5 s is plenty. */
const POLL_MS = 5000;

/** The signed-in channel (viewer count live from the chat relay, else polled), and its title/category editing. */
export function useChannel(bridge: Bridge, signedIn: boolean) {
  const [channel, setChannel] = useState<AccountChannel | null>(null);
  const [categories, setCategories] = useState<CategoryOption[]>([]);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    if (!signedIn) {
      setChannel(null);
      return;
    }
    let stopped = false;
    const poll = async () => {
      const ack = await bridge.channel.get();
      if (stopped) return;
      if (ack.ok) setChannel(ack.data);
    };
    void poll();
    void bridge.channel.categories().then((ack) => !stopped && ack.ok && setCategories(ack.data));
    const timer = setInterval(() => void poll(), POLL_MS);
    // The chat relay knows the count first (the server's chat presence); the poll catches up.
    const off = bridge.on('chat:viewers', ({ channel, count }) =>
      setChannel((c) => (c && c.slug === channel && c.viewerCount !== count ? { ...c, viewerCount: count } : c)));
    return () => {
      stopped = true;
      clearInterval(timer);
      off();
    };
  }, [bridge, signedIn]);

  const update = useCallback(async (patch: ChannelUpdateArgs) => {
    setError(null);
    const ack = await bridge.channel.update(patch);
    if (ack.ok) setChannel(ack.data);
    else setError(ack.error);
    return ack.ok;
  }, [bridge]);

  return { channel, categories, error, update };
}
