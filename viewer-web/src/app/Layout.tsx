import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useAuth } from '../features/auth/auth-context';
import { SearchBox } from '../features/directory/SearchBox';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';
import { useKakaoReturn } from './use-kakao-return';
import './forms.css';
import './layout.css';

export function Layout() {
  const { t } = useTranslation();
  const { state, user } = useAuth();
  useKakaoReturn(state);
  return (
    <div className="app-shell">
      <header className="topbar">
        <Link to="/" className="topbar__logo" aria-label={`${t('app.brand')} ${t('app.brandKo')}`}>
          <span className="topbar__logo-mark" aria-hidden="true" />
          <span className="topbar__logo-en">{t('app.brand')}</span>
          <span className="topbar__logo-ko">{t('app.brandKo')}</span>
        </Link>
        <nav className="topbar__nav">
          <NavLink to="/" end className="topbar__link">
            {t('app.home')}
          </NavLink>
          {user && (
            <>
              <NavLink to="/following" className="topbar__link">
                {t('nav.following')}
              </NavLink>
              <NavLink to="/dashboard" className="topbar__link">
                {t('nav.dashboard')}
              </NavLink>
            </>
          )}
        </nav>
        <SearchBox />
        <div className="topbar__spacer" />
        <LanguageSwitch />
        <UserMenu />
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
