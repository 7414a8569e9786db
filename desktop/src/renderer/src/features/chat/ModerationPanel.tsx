import type { ChannelModeration, ModerationUser } from '@lait/shared';
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { Bridge } from '../../lib/bridge';
import type { UiError } from '../account/use-account';

/**
 * The streamer's moderators and banned users, as on the web dashboard: appoint by nickname, remove,
 * unban. Loaded when opened (and again after every change: the server answers the new lists).
 */
export function ModerationPanel({ bridge }: { bridge: Bridge }) {
  const { t, errorText } = useI18n();
  const [open, setOpen] = useState(false);
  const [lists, setLists] = useState<ChannelModeration | null>(null);
  const [nickname, setNickname] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const act = useCallback(async (run: () => Promise<{ ok: true; data: ChannelModeration } | { ok: false; error: UiError }>) => {
    setBusy(true);
    setError(null);
    const ack = await run();
    setBusy(false);
    if (!ack.ok) {
      setError(ack.error);
      return false;
    }
    setLists(ack.data);
    return true;
  }, []);
  useEffect(() => {
    if (open) void act(() => bridge.moderation.get());
  }, [open, act, bridge]);

  const row = (user: ModerationUser, label: string, testId: string, run: () => ReturnType<Bridge['moderation']['get']>) => (
    <li key={user.userId} className="mod-row">
      <span>{user.nickname}</span>
      <button type="button" className="button button--ghost button--small" data-testid={testId} disabled={busy} onClick={() => void act(run)}>{label}</button>
    </li>
  );
  return (
    <details className="card panel moderation" data-testid="moderation-panel" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('mod.title')}</summary>
      <form className="mod-appoint" onSubmit={(e) => {
        e.preventDefault();
        const name = nickname.trim();
        if (name) void act(() => bridge.moderation.appoint({ nickname: name })).then((ok) => ok && setNickname(''));
      }}>
        <input className="field__input" data-testid="mod-appoint-input" aria-label={t('mod.appointLabel')} placeholder={t('mod.appointLabel')} value={nickname} maxLength={32}
          onChange={(e) => setNickname(e.target.value)} />
        <button type="submit" className="button button--small" data-testid="mod-appoint" disabled={busy || nickname.trim() === ''}>{t('mod.appoint')}</button>
      </form>
      {error && <p className="form-error error" role="alert" data-testid="mod-error" data-code={error.code}>{errorText(error.code, error.message)}</p>}
      <h4>{t('mod.moderators')}</h4>
      <ul className="mod-list" data-testid="mod-list">
        {lists?.moderators.map((u) => row(u, t('mod.remove'), 'mod-remove', () => bridge.moderation.remove({ userId: u.userId })))}
        {lists?.moderators.length === 0 && <li className="muted">{t('mod.none')}</li>}
      </ul>
      <h4>{t('mod.banned')}</h4>
      <ul className="mod-list" data-testid="ban-list">
        {lists?.banned.map((u) => row(u, t('mod.unban'), 'mod-unban', () => bridge.moderation.unban({ userId: u.userId })))}
        {lists?.banned.length === 0 && <li className="muted">{t('mod.none')}</li>}
      </ul>
    </details>
  );
}
