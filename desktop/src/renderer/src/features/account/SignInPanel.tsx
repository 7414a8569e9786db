import type { AccountStatus } from '@lait/shared';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { KakaoControls, UiError } from './use-account';

interface Props {
  status: AccountStatus | null;
  error: UiError | null;
  busy: boolean;
  serverUrl: string;
  onServerUrl: (url: string) => void;
  onLogin: (email: string, password: string) => void;
  onLogout: () => void;
  /** Kakao through the system browser; absent: the button is not offered. */
  kakao?: KakaoControls;
}

/** Email/password or Kakao sign-in; main does the REST calls and keeps the tokens. */
export function SignInPanel({ status, error, busy, serverUrl, onServerUrl, onLogin, onLogout, kakao }: Props) {
  const { t, errorText } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [server, setServer] = useState(serverUrl);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (server !== serverUrl) onServerUrl(server);
    onLogin(email.trim(), password);
  };
  if (status?.signedIn && status.user) {
    return (
      <fieldset className="card panel">
        <legend>{t('account.title')}</legend>
        <p data-testid="account-user">{t('account.signedInAs', { nickname: status.user.nickname })}</p>
        <button type="button" className="button button--ghost" data-testid="signout" onClick={onLogout}>{t('account.signOut')}</button>
      </fieldset>
    );
  }
  return (
    <form className="card panel" onSubmit={submit} data-testid="signin-form">
      <strong>{t('account.title')}</strong>
      <label>
        {t('account.server')}
        <input className="field__input" data-testid="server-url" value={server} onChange={(e) => setServer(e.target.value.trim())} />
      </label>
      <label>
        {t('account.email')}
        <input className="field__input" data-testid="signin-email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        {t('account.password')}
        <input className="field__input" data-testid="signin-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <button type="submit" className="button" data-testid="signin-submit" disabled={busy || kakao?.waiting || !email || !password}>{t('account.signIn')}</button>
      {kakao && (kakao.waiting ? (
        <div className="kakao-waiting" data-testid="kakao-waiting" role="status">
          <span>{t('account.kakaoWaiting')}</span>
          <button type="button" className="button button--ghost button--small" data-testid="kakao-cancel" onClick={kakao.cancel}>{t('account.kakaoCancel')}</button>
        </div>
      ) : (
        <button type="button" className="kakao-button kakao" data-testid="signin-kakao" disabled={busy} onClick={() => {
          if (server !== serverUrl) onServerUrl(server);
          kakao.start();
        }}>
          {t('account.kakao')}
        </button>
      ))}
      {error && <p className="form-error error" role="alert" data-testid="signin-error" data-code={error.code}>{errorText(error.code, error.message)}</p>}
    </form>
  );
}
