import type { ChannelOwner } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function LiveStatus({ channel }: { channel: ChannelOwner }) {
  const { t } = useTranslation();
  return (
    <div className="dash-status">
      <span className={channel.live ? 'live-badge' : 'dash-offline-badge'} data-testid="live-status" data-live={channel.live}>
        {channel.live ? t('dashboard.liveNow') : t('dashboard.offline')}
      </span>
      <Link to={`/c/${channel.slug}`} className="dash-link">
        {t('dashboard.viewChannel')} · /c/{channel.slug}
      </Link>
    </div>
  );
}
