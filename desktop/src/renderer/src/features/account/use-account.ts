import type { AccountStatus } from '@lait/shared';
import { useCallback, useEffect, useState } from 'react';
import type { Bridge } from '../../lib/bridge';

export interface UiError {
  code: string;
  message: string;
}

/** Sign-in state from main; the renderer never holds a token, only this status. */
export function useAccount(bridge: Bridge) {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    const ack = await bridge.auth.status();
    if (ack.ok) setStatus(ack.data);
  }, [bridge]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const login = useCallback(async (email: string, password: string) => {
    setBusy(true);
    setError(null);
    const ack = await bridge.auth.login({ email, password });
    setBusy(false);
    if (ack.ok) setStatus(ack.data);
    else setError(ack.error);
  }, [bridge]);

  const logout = useCallback(async () => {
    const ack = await bridge.auth.logout();
    if (ack.ok) setStatus(ack.data);
  }, [bridge]);

  return { status, error, busy, login, logout, reload };
}
