import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format';

export function LiveUptime({ since }: { since: string }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  const started = Date.parse(since);
  if (Number.isNaN(started)) return null;
  return <span className="channel-info__uptime">{t('channel.uptime', { time: formatDuration((now - started) / 1_000) })}</span>;
}
