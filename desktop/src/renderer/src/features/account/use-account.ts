import type { AccountStatus } from '@lait/shared';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Bridge } from '../../lib/bridge';

export interface UiError {
  code: string;
  message: string;
}

/** Kakao sign-in as the panel drives it: main opens the system browser and waits for its redirect. */
export interface KakaoControls {
  waiting: boolean;
  start(): void;
  cancel(): void;
}

/** Sign-in state from main; the renderer never holds a token, only this status. */
export function useAccount(bridge: Bridge) {
  const [status, setStatus] = useState<AccountStatus | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [kakaoWaiting, setKakaoWaiting] = useState(false);

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

  const startKakao = useCallback(async () => {
    setKakaoWaiting(true);
    setError(null);
    const ack = await bridge.auth.kakao();
    setKakaoWaiting(false);
    if (ack.ok) setStatus(ack.data);
    // The user's own cancel needs no explanation.
    else if (ack.error.code !== 'AUTH_SIGNIN_CANCELLED') setError(ack.error);
  }, [bridge]);

  const cancelKakao = useCallback(async () => {
    await bridge.auth['kakao-cancel']();
  }, [bridge]);

  const kakao = useMemo<KakaoControls>(
    () => ({ waiting: kakaoWaiting, start: () => void startKakao(), cancel: () => void cancelKakao() }),
    [kakaoWaiting, startKakao, cancelKakao],
  );

  const logout = useCallback(async () => {
    const ack = await bridge.auth.logout();
    if (ack.ok) setStatus(ack.data);
  }, [bridge]);

  return { status, error, busy, login, logout, reload, kakao };
}
