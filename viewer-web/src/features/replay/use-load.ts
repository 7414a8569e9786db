import { useEffect, useState } from 'react';
import { isApiRequestError } from '../../lib/api';

export type LoadState<T> = { status: 'loading' } | { status: 'not-found' } | { status: 'error' } | { status: 'ready'; data: T };

/** How often and how long apart a failed load is tried again (a server busy for a moment, a dropped connection). */
const RETRY_DELAYS_MS = [1000, 3000, 8000];

/** Loads once per `key` (no polling: a past broadcast does not change); a failure other than 404 is retried a few times. */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ status: 'loading' });
    const attempt = (n: number) => {
      load(ctrl.signal).then(
        (data) => !ctrl.signal.aborted && setState({ status: 'ready', data }),
        (err: unknown) => {
          if (ctrl.signal.aborted) return;
          if (isApiRequestError(err) && err.isNotFound) return setState({ status: 'not-found' });
          setState({ status: 'error' });
          const delay = RETRY_DELAYS_MS[n];
          if (delay !== undefined) timer = setTimeout(() => attempt(n + 1), delay);
        },
      );
    };
    attempt(0);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
    // `load` is a fresh closure every render; `key` says when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
