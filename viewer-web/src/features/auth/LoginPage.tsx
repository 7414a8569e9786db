import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useAuth } from './auth-context';
import { FormError } from './FormError';
import { AuthAlternatives } from './AuthAlternatives';
import { TextField } from './TextField';
import { useNextPath } from './use-next';
import { useSubmit } from './use-submit';
import './auth.css';

export function LoginPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const next = useNextPath();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit(async () => {
    await auth.login({ email: email.trim(), password });
    void navigate(next, { replace: true });
  });
  useDocumentTitle(t('auth.loginTitle'));

  return (
    <section className="auth-page">
      <h1>{t('auth.loginTitle')}</h1>
      <form className="auth-form" onSubmit={form.onSubmit} noValidate>
        <TextField testId="login-email" label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <TextField testId="login-password" label={t('auth.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <FormError message={form.error} />
        <button type="submit" className="button auth-form__submit" data-testid="login-submit" disabled={form.busy}>
          {form.busy ? t('auth.submitting') : t('auth.submitLogin')}
        </button>
      </form>
      <AuthAlternatives next={next} onError={form.setError} other="signup" />
    </section>
  );
}
