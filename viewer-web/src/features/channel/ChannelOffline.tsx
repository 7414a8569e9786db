import type { ChannelPublic } from '@lait/shared';
import { useTranslation } from 'react-i18next';

export function ChannelOffline({ channel }: { channel: ChannelPublic }) {
  const { t } = useTranslation();
  return (
    <section className="channel-offline" data-testid="channel-offline" data-state="offline">
      {channel.thumbnailUrl && <img className="channel-offline__still" src={channel.thumbnailUrl} alt="" />}
      <div className="channel-offline__content">
        <span className="channel-offline__badge">{t('channel.offline')}</span>
        <p className="channel-offline__title">{channel.title}</p>
        <p className="channel-offline__hint">{t('channel.offlineHint')}</p>
      </div>
    </section>
  );
}
