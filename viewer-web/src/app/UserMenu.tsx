import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { useAuth } from '../features/auth/auth-context';

export function UserMenu() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  const [failed, setFailed] = useState(false);

  if (auth.state.status === 'loading') return <span className="user-menu user-menu--loading" aria-busy="true" />;
  if (!auth.user) {
    const onAuthPage = pathname === '/login' || pathname === '/signup';
    const next = onAuthPage || pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    return (
      <div className="user-menu">
        <Link to={`/login${next}`} className="topbar__link" data-testid="nav-login">
          {t('nav.login')}
        </Link>
        <Link to={`/signup${next}`} className="button user-menu__signup" data-testid="nav-signup">
          {t('nav.signup')}
        </Link>
      </div>
    );
  }
  const signOut = async () => {
    try {
      await auth.signOut();
      void navigate('/');
    } catch {
      setFailed(true);
    }
  };
  return (
    <div className="user-menu">
      <Link to="/dashboard" className="user-menu__name" data-testid="nav-user" title={t('nav.account')}>
        <span className="user-menu__avatar" aria-hidden="true">
          {auth.user.nickname.charAt(0)}
        </span>
        <span className="user-menu__nickname">{auth.user.nickname}</span>
      </Link>
      <button type="button" className="topbar__link user-menu__logout" data-testid="nav-logout" onClick={() => void signOut()}>
        {t('nav.logout')}
      </button>
      {failed && (
        <span className="visually-hidden" role="alert">
          {t('auth.logoutFailed')}
        </span>
      )}
    </div>
  );
}
