import type { StreamHealth } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format';
import { LadderHealth } from './LadderHealth';

const WARNING_KEYS = {
  KEYFRAME_INTERVAL_TOO_LONG: 'dashboard.warnKeyframe',
  LOW_BITRATE: 'dashboard.warnBitrate',
  LOW_FPS: 'dashboard.warnFps',
  LADDER_BEHIND: 'dashboard.warnLadderBehind',
  LADDER_AT_CAPACITY: 'dashboard.warnLadderCapacity',
} as const;

const WARNING_TEST_IDS: Record<StreamHealth['warnings'][number], string> = {
  KEYFRAME_INTERVAL_TOO_LONG: 'health-warning-keyframe',
  LOW_BITRATE: 'health-warning-bitrate',
  LOW_FPS: 'health-warning-fps',
  LADDER_BEHIND: 'health-warning-ladder-behind',
  LADDER_AT_CAPACITY: 'health-warning-ladder-capacity',
};

/** Ingest numbers while live, refreshed with /api/me; warnings say what to change in OBS. */
export function StreamHealthPanel({ health }: { health: StreamHealth | null }) {
  const { t } = useTranslation();
  if (!health) {
    return (
      <section className="card dash-card" aria-labelledby="health-title">
        <h2 id="health-title">{t('dashboard.healthTitle')}</h2>
        <p className="dash-muted">{t('dashboard.healthOffline')}</p>
      </section>
    );
  }
  const measuring = t('dashboard.measuring');
  const items = [
    [t('dashboard.bitrate'), t('dashboard.kbps', { n: Math.round(health.bitrateKbps) })],
    [t('dashboard.fps'), health.fps === null ? measuring : String(Math.round(health.fps * 10) / 10)],
    [t('dashboard.resolution'), health.width && health.height ? `${health.width}×${health.height}` : measuring],
    [t('dashboard.keyframe'), health.keyframeIntervalSec === null ? measuring : t('dashboard.seconds', { n: health.keyframeIntervalSec })],
    [t('dashboard.duration'), formatDuration(health.durationSec)],
    [t('dashboard.viewers'), t('common.viewers', { n: health.viewers })],
  ] as const;
  return (
    <section className="card dash-card" aria-labelledby="health-title" data-testid="stream-health">
      <h2 id="health-title">{t('dashboard.healthTitle')}</h2>
      {health.warnings.map((w) => (
        <p key={w} className="dash-alert" role="alert" data-testid={WARNING_TEST_IDS[w]}>
          {t(WARNING_KEYS[w])}
        </p>
      ))}
      <dl className="dash-health">
        {items.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <LadderHealth ladder={health.ladder} />
    </section>
  );
}
