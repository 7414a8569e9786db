import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { AuthState } from '../features/auth/auth-session';

/**
 * Kakao login comes back to `next?login=kakao` with the refresh cookie set; the session restores
 * itself on load, so all that is left is to drop the marker from the address once it has.
 */
export function useKakaoReturn(state: AuthState): void {
  const { pathname, search, hash } = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    const params = new URLSearchParams(search);
    if (params.get('login') !== 'kakao' || state.status === 'loading') return;
    params.delete('login');
    const rest = params.toString();
    void navigate(`${pathname}${rest ? `?${rest}` : ''}${hash}`, { replace: true });
  }, [search, pathname, hash, state.status, navigate]);
}
