import type { User } from '@lait/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../auth/auth-context';
import { FormError } from '../auth/FormError';
import { KakaoLink } from './KakaoLink';

export function AccountPanel({ user }: { user: User }) {
  const { t } = useTranslation();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const logoutEverywhere = async () => {
    try {
      await signOut(true);
      void navigate('/');
    } catch {
      setError(t('auth.logoutFailed'));
    }
  };
  return (
    <section className="card dash-card" aria-labelledby="account-title">
      <h2 id="account-title">{t('dashboard.accountTitle')}</h2>
      <p className="dash-muted">{user.email ? t('dashboard.signedInAs', { nickname: user.nickname, email: user.email }) : user.nickname}</p>
      <KakaoLink user={user} />
      <button type="button" className="button button--danger" data-testid="logout-everywhere" onClick={() => void logoutEverywhere()}>
        {t('auth.logoutEverywhere')}
      </button>
      <FormError message={error} />
    </section>
  );
}
