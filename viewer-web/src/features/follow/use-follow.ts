import { useEffect, useState } from 'react';
import type { FollowState } from '@lait/shared';
import { isAbortError } from '../../lib/api';
import { useApi } from '../../lib/api-context';
import { useAuth } from '../auth/auth-context';

export interface UseFollow {
  /** null until known (and always null when signed out). */
  state: FollowState | null;
  busy: boolean;
  error: unknown;
  toggle(): Promise<void>;
}

/** Whether the signed-in user follows `slug`, and a toggle that uses the server's answer as the new state. */
export function useFollow(slug: string): UseFollow {
  const api = useApi();
  const auth = useAuth();
  const userId = auth.user?.id ?? null;
  const [state, setState] = useState<FollowState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setState(null);
    if (userId === null) return;
    const controller = new AbortController();
    auth
      .withToken((token) => api.getFollow(token, slug, controller.signal))
      .then(setState, (err: unknown) => {
        if (!isAbortError(err)) setError(err);
      });
    return () => controller.abort();
    // auth.withToken is stable (a method of the one session); refetch only for a new user or slug.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, slug, userId]);

  const toggle = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const following = !(state?.following ?? false);
      setState(await auth.withToken((token) => api.setFollow(token, slug, following)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { state, busy, error, toggle };
}
