import { useEffect, useState } from 'react';
import { isApiRequestError } from '../../lib/api';

export type LoadState<T> = { status: 'loading' } | { status: 'not-found' } | { status: 'error' } | { status: 'ready'; data: T };

/** Loads once per `key` (no polling: a past broadcast does not change). */
export function useLoad<T>(key: string, load: (signal: AbortSignal) => Promise<T>): LoadState<T> {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  useEffect(() => {
    const ctrl = new AbortController();
    setState({ status: 'loading' });
    load(ctrl.signal).then(
      (data) => !ctrl.signal.aborted && setState({ status: 'ready', data }),
      (err: unknown) => {
        if (ctrl.signal.aborted) return;
        setState(isApiRequestError(err) && err.isNotFound ? { status: 'not-found' } : { status: 'error' });
      },
    );
    return () => ctrl.abort();
    // `load` is a fresh closure every render; `key` says when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
