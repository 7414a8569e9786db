import type { BroadcastStatus } from '@lait/shared';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatDuration, healthWarnings, type HealthSample } from './health-warnings';

interface Props {
  status: BroadcastStatus;
  samples: HealthSample[];
}

/** Numbers while live (bitrate, fps, drops, speed, CPU, duration, connection) and plain-language warnings. */
export function HealthPanel({ status, samples }: Props) {
  const { t } = useI18n();
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const last = samples.at(-1);
  const h = last?.health;
  const warnings = status.state === 'live' ? healthWarnings(samples) : [];
  const row = (key: Parameters<typeof t>[0], value: string, id: string) => (
    <div className="health-row"><dt>{t(key)}</dt><dd data-testid={`health-${id}`}>{value}</dd></div>
  );
  return (
    <section className="card panel health" data-testid="health-panel" data-path={last?.path}>
      <strong>{t('health.title')}</strong>
      <dl>
        {row('health.connection', t(`state.${status.state}`), 'connection')}
        {status.liveSince !== undefined && row('health.duration', formatDuration(now - status.liveSince), 'duration')}
        {h && row('health.bitrate', `${h.bitrateKbps.toFixed(0)} kbps`, 'bitrate')}
        {h && row('health.fps', h.fps.toFixed(1), 'fps')}
        {h && row('health.dropped', `${h.dropFrames + last.droppedFrames} / ${last.lateFrames}`, 'dropped')}
        {h && row('health.speed', `${h.speed.toFixed(2)}x`, 'speed')}
        {h?.cpuPercent !== undefined && row('health.cpu', `${h.cpuPercent.toFixed(0)}%`, 'cpu')}
        {h?.queuedBytes !== undefined && row('health.queue', `${Math.round(h.queuedBytes / 1024)} KB`, 'queue')}
      </dl>
      {warnings.map((w) => (
        <p key={w} className="warning" role="alert" data-testid="health-warning" data-warning={w}>{t(`warn.${w}`)}</p>
      ))}
    </section>
  );
}
