import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toApiRequestError } from '../../lib/api-error';
import { useErrorMessage } from '../../lib/use-error-message';

/** Home is the server's default `next`; it checks `next` with the same `safeNextPath` and goes home on anything else. */
export function kakaoStartUrl(next: string): string {
  return next === '/' ? '/api/auth/kakao' : `/api/auth/kakao?next=${encodeURIComponent(next)}`;
}

/**
 * Kakao login is a full-page navigation (the server redirects to Kakao and back). A HEAD request
 * first tells whether the server has Kakao configured, so a 503 becomes a message, not a JSON page.
 */
export function KakaoButton({ next, onError }: { next: string; onError: (message: string) => void }) {
  const { t } = useTranslation();
  const describe = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const start = async () => {
    const url = kakaoStartUrl(next);
    setBusy(true);
    try {
      const res = await fetch(url, { method: 'HEAD', redirect: 'manual' });
      if (res.type === 'opaqueredirect' || res.ok || (res.status >= 300 && res.status < 400)) {
        window.location.assign(url);
        return;
      }
      onError(res.status === 503 ? t('errors.KAKAO_UNAVAILABLE') : describe(await toApiRequestError(res)));
    } catch {
      onError(t('errors.NETWORK_ERROR'));
    }
    setBusy(false);
  };
  return (
    <button type="button" className="kakao-button" data-testid="login-kakao" disabled={busy} onClick={() => void start()}>
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path fill="currentColor" d="M12 3C6.5 3 2 6.6 2 11c0 2.8 1.9 5.3 4.7 6.7l-1 3.6c-.1.4.3.7.6.5l4.3-2.8c.5.1.9.1 1.4.1 5.5 0 10-3.6 10-8S17.5 3 12 3z" />
      </svg>
      {t('auth.kakao')}
    </button>
  );
}
