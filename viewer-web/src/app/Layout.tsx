import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { LanguageSwitch } from './LanguageSwitch';
import './layout.css';

export function Layout() {
  const { t } = useTranslation();
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
        </nav>
        <div className="topbar__spacer" />
        <LanguageSwitch />
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
