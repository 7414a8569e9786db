import type { ChannelPublic } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { StreamerAvatar, streamerName } from '../channel/StreamerAvatar';

export interface ChannelCardProps {
  channel: ChannelPublic;
  categoryName: (slug: string) => string;
}

export function ChannelCard({ channel, categoryName }: ChannelCardProps) {
  const { t } = useTranslation();
  return (
    <li className="channel-card" data-testid="channel-card" data-slug={channel.slug} data-live={channel.live}>
      <Link to={`/c/${channel.slug}`} className="channel-card__link">
        <div className={channel.live ? 'channel-card__thumb' : 'channel-card__thumb channel-card__thumb--offline'}>
          {channel.thumbnailUrl ? (
            <img src={channel.thumbnailUrl} alt="" loading="lazy" data-testid="channel-thumbnail" />
          ) : (
            <span className="channel-card__initial" aria-hidden="true" data-testid="channel-thumbnail-placeholder">
              {channel.title.trim().charAt(0) || channel.slug.charAt(0)}
            </span>
          )}
          {channel.live ? (
            <>
              <span className="live-badge channel-card__badge" data-testid="live-badge">
                {t('common.live')}
              </span>
              <span className="channel-card__viewers" data-testid="viewer-count">
                {t('common.viewers', { n: channel.viewerCount })}
              </span>
            </>
          ) : (
            <span className="channel-card__badge channel-card__badge--offline">{t('browse.offline')}</span>
          )}
        </div>
        <div className="channel-card__body">
          <StreamerAvatar channel={channel} className="channel-card__avatar" />
          <div className="channel-card__text">
            <h3 className="channel-card__title" title={channel.title}>
              {channel.title}
            </h3>
            <p className="channel-card__streamer" data-testid="channel-streamer">{streamerName(channel)}</p>
            <span className="channel-card__category">
              {channel.category ? categoryName(channel.category) : t('common.noCategory')}
            </span>
          </div>
        </div>
      </Link>
    </li>
  );
}
