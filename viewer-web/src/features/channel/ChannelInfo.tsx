import type { ChannelPublic } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCategories } from '../directory/use-categories';
import { FollowButton } from '../follow/FollowButton';
import { LiveUptime } from './LiveUptime';
import { StreamerAvatar, streamerName } from './StreamerAvatar';

export function ChannelInfo({ channel }: { channel: ChannelPublic }) {
  const { t } = useTranslation();
  const { nameOf } = useCategories();
  return (
    <section className="channel-info">
      <StreamerAvatar channel={channel} className="channel-info__avatar" />
      <div className="channel-info__text">
        <h1 className="channel-info__title">{channel.title}</h1>
        <p className="channel-info__meta">
          <span className="channel-info__streamer" data-testid="channel-streamer">{streamerName(channel)}</span>
          {channel.category ? (
            <Link className="channel-info__category" to={`/category/${channel.category}`} data-testid="channel-category">{nameOf(channel.category)}</Link>
          ) : (
            <span className="channel-info__category">{t('common.noCategory')}</span>
          )}
          {channel.live && (
            <>
              <span className="channel-info__viewers" data-testid="viewer-count">
                {t('common.viewers', { n: channel.viewerCount })}
              </span>
              {channel.liveSince && <LiveUptime since={channel.liveSince} />}
            </>
          )}
        </p>
        {channel.description && <p className="channel-info__description">{channel.description}</p>}
      </div>
      <FollowButton slug={channel.slug} followerCount={channel.followerCount} />
    </section>
  );
}
