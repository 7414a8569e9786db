import { useCallback, useEffect, useRef } from 'react';
import { createPoller, type Poller, type PollerOptions } from './poller';

/**
 * Runs a poller for as long as the component is mounted and `key` is unchanged. The latest
 * callbacks are always used, so they may close over fresh props without restarting the poll.
 */
export function usePoller<T>(key: string, options: PollerOptions<T>): { refresh: () => void } {
  const optionsRef = useRef(options);
  const pollerRef = useRef<Poller | null>(null);

  useEffect(() => {
    optionsRef.current = options;
  });

  useEffect(() => {
    const poller = createPoller<T>({
      load: (signal) => optionsRef.current.load(signal),
      onResult: (result) => optionsRef.current.onResult(result),
      nextDelayMs: (result) => optionsRef.current.nextDelayMs(result),
    });
    pollerRef.current = poller;
    return () => {
      poller.stop();
      pollerRef.current = null;
    };
  }, [key]);

  const refresh = useCallback(() => pollerRef.current?.refresh(), []);
  return { refresh };
}
