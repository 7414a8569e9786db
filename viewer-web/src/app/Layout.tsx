import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { useAuth } from '../features/auth/auth-context';
import { TopBar } from './TopBar';
import { useKakaoReturn } from './use-kakao-return';
import './layout.css';

export function Layout() {
  const { t } = useTranslation();
  const { state } = useAuth();
  const kakaoReturn = useKakaoReturn(state);
  return (
    <div className="app-shell">
      <a className="skip-link" href="#content" data-testid="skip-link">
        {t('app.skipToContent')}
      </a>
      <TopBar />
      <main className="app-main" id="content" tabIndex={-1}>
        {kakaoReturn.separate && (
          <p className="app-notice" role="status" data-testid="kakao-separate">
            {t('auth.kakaoSeparate')}
            <button type="button" className="button" onClick={kakaoReturn.dismiss}>
              {t('auth.dismiss')}
            </button>
          </p>
        )}
        <Outlet />
      </main>
    </div>
  );
}
