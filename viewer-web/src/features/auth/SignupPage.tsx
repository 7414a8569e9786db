import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PASSWORD_WEAKNESSES, type PasswordWeakness } from '@lait/shared';
import { isApiRequestError } from '../../lib/api-error';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useAuth } from './auth-context';
import { emailHint, nicknameHint, passwordHint } from './form-hints';
import { FormError } from './FormError';
import { AuthAlternatives } from './AuthAlternatives';
import { TextField } from './TextField';
import { useNextPath } from './use-next';
import { useSubmit } from './use-submit';
import './auth.css';

export const WELCOME_PATH = '/dashboard?welcome=1';

/** The fields a refusal can be shown at; anything else goes above the button. */
const SIGNUP_FIELDS = ['email', 'nickname', 'password'] as const;

export function SignupPage() {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const next = useNextPath();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [nickname, setNickname] = useState('');
  // Hints are advice only: the form submits anyway and the server's answer is shown.
  const hint = (key: ReturnType<typeof emailHint>) => (key ? t(key) : null);
  const form = useSubmit(async () => {
    await auth.signup({ email: email.trim(), password, nickname: nickname.trim() });
    // Without a page to return to, a new account lands where it can act: the dashboard's go-live steps.
    void navigate(next === '/' ? WELCOME_PATH : next, { replace: true });
  }, (err) => {
    // The rule the server applied, in the reader's language, rather than a general "too weak".
    const why = isApiRequestError(err) && err.code === 'AUTH_WEAK_PASSWORD' ? err.why : undefined;
    return why && (PASSWORD_WEAKNESSES as readonly string[]).includes(why) ? t(`auth.weak.${why as PasswordWeakness}`) : null;
  });
  useDocumentTitle(t('auth.signupTitle'));

  return (
    <section className="auth-page">
      <h1>{t('auth.signupTitle')}</h1>
      <p className="auth-page__note">{t('auth.signupNote')}</p>
      <form className="auth-form" onSubmit={form.onSubmit} noValidate>
        <TextField testId="signup-email" label={t('auth.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} hint={t('auth.emailHint')} problem={form.errorAt('email') ?? hint(emailHint(email))} required />
        <TextField testId="signup-nickname" label={t('auth.nickname')} autoComplete="nickname" value={nickname} onChange={(e) => setNickname(e.target.value)} hint={t('auth.nicknameHint')} problem={form.errorAt('nickname') ?? hint(nicknameHint(nickname))} maxLength={40} required />
        <TextField testId="signup-password" label={t('auth.password')} type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} hint={t('auth.passwordHint')} problem={form.errorAt('password') ?? hint(passwordHint(password))} required />
        <FormError message={form.formError(SIGNUP_FIELDS)} />
        <button type="submit" className="button auth-form__submit" data-testid="signup-submit" disabled={form.busy}>
          {form.busy ? t('auth.submitting') : t('auth.submitSignup')}
        </button>
      </form>
      <AuthAlternatives next={next} onError={form.setError} other="login" />
    </section>
  );
}
