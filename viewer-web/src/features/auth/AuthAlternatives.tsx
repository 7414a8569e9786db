import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KakaoButton } from './KakaoButton';

/** Below both auth forms: Kakao login and the link to the other form, keeping `next`. */
export function AuthAlternatives({ next, onError, other }: { next: string; onError: (message: string) => void; other: 'login' | 'signup' }) {
  const { t } = useTranslation();
  const query = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
  return (
    <>
      <p className="auth-page__or">{t('auth.or')}</p>
      <KakaoButton next={next} onError={onError} />
      <p className="auth-page__switch">
        {other === 'signup' ? t('auth.noAccount') : t('auth.haveAccount')}{' '}
        <Link to={`/${other}${query}`}>{other === 'signup' ? t('auth.toSignup') : t('auth.toLogin')}</Link>
      </p>
    </>
  );
}
