import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useAuth } from '../features/auth/auth-context';
import { SearchBox } from '../features/directory/SearchBox';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

/**
 * The site header. On a wide screen everything sits in one row; on a phone only the logo and a
 * menu button do, and the button opens the rest (navigation, search, language, account) below.
 */
export function TopBar() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const { pathname, search } = useLocation();
  const [open, setOpen] = useState(false);

  // Following a link from the menu closes it.
  useEffect(() => setOpen(false), [pathname, search]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return (
    <header className="topbar">
      {/* The visible words are the name (WCAG 2.5.3); the space between them only matters to screen readers. */}
      <Link to="/" className="topbar__logo">
        <span className="topbar__logo-mark" aria-hidden="true" />
        <span className="topbar__logo-en">{t('app.brand')}</span>{' '}
        <span className="topbar__logo-ko">{t('app.brandKo')}</span>
      </Link>
      <button
        type="button"
        className="topbar__menu-button"
        data-testid="nav-menu-button"
        aria-expanded={open}
        aria-controls="topbar-menu"
        aria-label={t('nav.menu')}
        onClick={() => setOpen((o) => !o)}
      >
        <MenuIcon open={open} />
      </button>
      <div className="topbar__menu" id="topbar-menu" data-open={open}>
        <nav className="topbar__nav" aria-label={t('nav.menu')}>
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
      </div>
    </header>
  );
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
      {open ? <path d="M6 6l12 12M18 6L6 18" /> : <path d="M4 7h16M4 12h16M4 17h16" />}
    </svg>
  );
}
