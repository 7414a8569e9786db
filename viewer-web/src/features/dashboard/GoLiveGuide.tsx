import type { ChannelOwner } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { CopyButton } from './CopyButton';
import { StreamKeyPanel } from './StreamKeyPanel';

export function GoLiveGuide({ channel, onRotated }: { channel: ChannelOwner; onRotated: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="card dash-card" aria-labelledby="guide-title">
      <h2 id="guide-title">{t('dashboard.guideTitle')}</h2>
      <p className="dash-muted">{t('dashboard.guideSteps')}</p>
      <span className="dash-label">{t('dashboard.serverUrl')}</span>
      <div className="dash-row">
        <code className="dash-code" data-testid="stream-server-url">
          {channel.rtmpUrl}
        </code>
        <CopyButton text={channel.rtmpUrl} testId="stream-server-copy" />
      </div>
      <StreamKeyPanel hasStreamKey={channel.hasStreamKey} live={channel.live} onRotated={onRotated} />
    </section>
  );
}

export function RecommendedSettings() {
  const { t } = useTranslation();
  const rows = [
    [t('dashboard.settingKeyframe'), t('dashboard.settingKeyframeValue')],
    [t('dashboard.settingEncoder'), t('dashboard.settingEncoderValue')],
    [t('dashboard.settingRate'), t('dashboard.settingRateValue')],
  ] as const;
  return (
    <section className="card dash-card" aria-labelledby="settings-title" data-testid="recommended-settings">
      <h2 id="settings-title">{t('dashboard.settingsTitle')}</h2>
      <dl className="dash-settings">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="dash-muted">{t('dashboard.settingNote')}</p>
    </section>
  );
}
