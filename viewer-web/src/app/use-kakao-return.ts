import { KAKAO_SEPARATE_PARAM } from '@lait/shared';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { AuthState } from '../features/auth/auth-session';

/**
 * Kakao login comes back to `next?login=kakao` with the refresh cookie set; the session restores
 * itself on load, so all that is left is to drop the markers from the address once it has.
 * Answers whether this login made a new account beside an existing one with the same email
 * (`kakaoSeparate`), so the page can say how to link them; `dismiss` hides that again.
 */
export function useKakaoReturn(state: AuthState): { separate: boolean; dismiss: () => void } {
  const { pathname, search, hash } = useLocation();
  const navigate = useNavigate();
  const [separate, setSeparate] = useState(false);
  useEffect(() => {
    const params = new URLSearchParams(search);
    if (params.get('login') !== 'kakao' || state.status === 'loading') return;
    if (params.get(KAKAO_SEPARATE_PARAM) === '1') setSeparate(true);
    params.delete('login');
    params.delete(KAKAO_SEPARATE_PARAM);
    const rest = params.toString();
    void navigate(`${pathname}${rest ? `?${rest}` : ''}${hash}`, { replace: true });
  }, [search, pathname, hash, state.status, navigate]);
  return { separate, dismiss: () => setSeparate(false) };
}
