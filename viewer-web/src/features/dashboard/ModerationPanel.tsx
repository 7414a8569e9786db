import { useCallback, useEffect, useId, useState } from 'react';
import type { ChannelModeration, ModerationUser } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context';
import { useErrorMessage } from '../../lib/use-error-message';
import { useAuth } from '../auth/auth-context';
import { FormError } from '../auth/FormError';

/** Moderators (appoint by nickname, remove) and users banned from chat (unban), as Twitch's mod view lists them. */
export function ModerationPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const describe = useErrorMessage();
  const id = useId();
  const [lists, setLists] = useState<ChannelModeration | null>(null);
  const [nickname, setNickname] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = useCallback(
    async (call: (token: string) => Promise<ChannelModeration>) => {
      setBusy(true);
      setError(null);
      try {
        setLists(await withToken(call));
        return true;
      } catch (err) {
        setError(describe(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [withToken, describe],
  );
  useEffect(() => {
    void act((token) => api.getModeration(token));
  }, [act, api]);

  const appoint = async () => {
    if (await act((token) => api.appointModerator(token, nickname.trim()))) setNickname('');
  };
  const row = (user: ModerationUser, label: string, testId: string, run: (token: string) => Promise<ChannelModeration>) => (
    <li key={user.userId} className="dash-mod__row">
      <span>{user.nickname}</span>
      <button type="button" className="button button--ghost" data-testid={testId} disabled={busy} onClick={() => void act(run)}>
        {label}
      </button>
    </li>
  );

  return (
    <section className="card dash-card" aria-labelledby={`${id}-h`} data-testid="moderation-panel">
      <h2 id={`${id}-h`}>{t('dashboard.modTitle')}</h2>
      <form
        className="dash-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (nickname.trim()) void appoint();
        }}
      >
        <input className="field__input" data-testid="mod-appoint-input" aria-label={t('dashboard.modAppointLabel')} placeholder={t('dashboard.modAppointLabel')} value={nickname} maxLength={32} onChange={(e) => setNickname(e.target.value)} />
        <button type="submit" className="button" data-testid="mod-appoint" disabled={busy || nickname.trim() === ''}>
          {t('dashboard.modAppoint')}
        </button>
      </form>
      <FormError message={error} />
      <h3 className="dash-label">{t('dashboard.modModerators')}</h3>
      <ul className="dash-mod__list" data-testid="mod-list">
        {lists?.moderators.map((u) => row(u, t('dashboard.modRemove'), 'mod-remove', (token) => api.removeModerator(token, u.userId)))}
        {lists?.moderators.length === 0 && <li className="dash-muted">{t('dashboard.modNone')}</li>}
      </ul>
      <h3 className="dash-label">{t('dashboard.modBanned')}</h3>
      <ul className="dash-mod__list" data-testid="ban-list">
        {lists?.banned.map((u) => row(u, t('dashboard.modUnban'), 'mod-unban', (token) => api.unban(token, u.userId)))}
        {lists?.banned.length === 0 && <li className="dash-muted">{t('dashboard.modNone')}</li>}
      </ul>
    </section>
  );
}
