import type { ChannelPublic } from '@lait/shared';
import { useTranslation } from 'react-i18next';

/** The publisher dropped and the broadcast waits for it: the page polls and plays again by itself. */
export function ChannelBrb({ channel }: { channel: ChannelPublic }) {
  const { t } = useTranslation();
  return (
    <section className="channel-offline channel-offline--brb" data-testid="channel-brb" data-state="reconnecting" role="status">
      {channel.thumbnailUrl && <img className="channel-offline__still" src={channel.thumbnailUrl} alt="" />}
      <div className="channel-offline__content">
        <span className="channel-offline__badge">{t('channel.brb')}</span>
        <p className="channel-offline__title">{channel.title}</p>
        <p className="channel-offline__hint">{t('channel.brbHint')}</p>
      </div>
    </section>
  );
}
