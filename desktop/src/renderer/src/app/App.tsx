import type { AppInfo, Settings } from '@lait/shared';
import { useCallback, useEffect, useState } from 'react';
import { GoLiveScreen } from '../features/go-live/GoLiveScreen';
import { I18nProvider } from '../i18n/i18n';
import { translate } from '../i18n/messages';
import type { Bridge } from '../lib/bridge';

export function App({ bridge }: { bridge: Bridge }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);

  useEffect(() => {
    void bridge.settings.get().then((ack) => ack.ok && setSettings(ack.data));
    void bridge.app.info().then((ack) => ack.ok && setAppInfo(ack.data));
  }, [bridge]);

  // Optimistic: the UI follows the edit at once; main's validated answer wins.
  const update = useCallback(
    (patch: Partial<Settings>) => {
      setSettings((s) => (s ? { ...s, ...patch } : s));
      void bridge.settings.set(patch).then((ack) => ack.ok && setSettings(ack.data));
    },
    [bridge],
  );

  if (!settings) return <p className="loading">…</p>;
  const other = settings.locale === 'ko' ? 'en' : 'ko';
  return (
    <I18nProvider locale={settings.locale}>
      <header className="topbar top">
        <h1 className="topbar__logo">
          <span className="topbar__logo-mark" aria-hidden="true" />
          {translate(settings.locale, 'app.title')}
        </h1>
        <button type="button" className="button button--ghost button--small" onClick={() => update({ locale: other })}>{translate(settings.locale, 'locale.switch')}</button>
      </header>
      <GoLiveScreen bridge={bridge} settings={settings} appInfo={appInfo} onSettings={update} />
    </I18nProvider>
  );
}
