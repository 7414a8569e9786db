import { KAKAO_LINK_RESULT_PARAM, type User } from '@lait/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useApi } from '../../lib/api-context';
import { useErrorMessage } from '../../lib/use-error-message';
import { ApiRequestError } from '../../lib/api';
import { goTo } from '../../lib/go-to';
import { useAuth } from '../auth/auth-context';
import { FormError } from '../auth/FormError';

/**
 * Kakao login never joins an existing account by email (anyone could have signed up with it):
 * a user links Kakao here, signed in, by completing Kakao's consent. The server sends the browser
 * back to `/dashboard?kakaoLink=<linked | error code>` (a fresh page load, so the account shown is
 * already the linked one); the outcome is shown once and dropped from the address.
 */
export function KakaoLink({ user }: { user: User }) {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const describe = useErrorMessage();
  const outcome = useLinkOutcome();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const { url } = await withToken((token) => api.startKakaoLink(token));
      goTo(url);
    } catch (err) {
      setError(describe(err));
      setBusy(false);
    }
  };

  const failure = outcome && outcome !== 'linked' ? describe(new ApiRequestError({ statusCode: 0, code: outcome, error: '', message: outcome })) : null;
  return (
    <div className="kakao-link" data-testid="kakao-link">
      <span className="dash-label">{t('dashboard.kakaoTitle')}</span>
      {outcome === 'linked' && <p role="status">{t('dashboard.kakaoLinkedNow')}</p>}
      {user.kakaoLinked ? (
        <p className="dash-muted" data-testid="kakao-linked">{t('dashboard.kakaoLinked')}</p>
      ) : (
        <>
          <p className="dash-muted">{t('dashboard.kakaoLinkHelp')}</p>
          <button type="button" className="button" data-testid="kakao-link-start" disabled={busy} onClick={() => void start()}>
            {t('dashboard.kakaoLink')}
          </button>
        </>
      )}
      <FormError message={error ?? failure} />
    </div>
  );
}

/** The `kakaoLink` outcome in the address, kept in state while the address is cleaned. */
function useLinkOutcome(): string | null {
  const { pathname, search, hash } = useLocation();
  const navigate = useNavigate();
  const [outcome] = useState(() => new URLSearchParams(search).get(KAKAO_LINK_RESULT_PARAM));
  useEffect(() => {
    const params = new URLSearchParams(search);
    if (!params.has(KAKAO_LINK_RESULT_PARAM)) return;
    params.delete(KAKAO_LINK_RESULT_PARAM);
    const rest = params.toString();
    void navigate(`${pathname}${rest ? `?${rest}` : ''}${hash}`, { replace: true });
  }, [search, pathname, hash, navigate]);
  return outcome;
}
