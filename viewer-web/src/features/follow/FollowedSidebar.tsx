import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../lib/api-context';
import { useAuth } from '../auth/auth-context';
import { StreamerAvatar, streamerName } from '../channel/StreamerAvatar';
import { useCategories } from '../directory/use-categories';
import { useChannelList } from '../directory/use-channel-list';
import './follow.css';

/** The directory's side column for a signed-in viewer: followed channels that are live now. */
export function FollowedSidebar() {
  const { user } = useAuth();
  if (!user) return null;
  return <FollowedLive userId={user.id} />;
}

function FollowedLive({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const { nameOf } = useCategories();
  const list = useChannelList(`following:${userId}`, (signal) => withToken((token) => api.listFollowing(token, signal)));
  const live = list.status === 'ready' ? list.channels.filter((c) => c.live) : [];
  return (
    <aside className="followed-sidebar" data-testid="followed-sidebar" aria-labelledby="followed-sidebar-title">
      <h2 id="followed-sidebar-title" className="followed-sidebar__title">
        {t('browse.sidebarTitle')}
      </h2>
      {list.status === 'ready' && live.length === 0 && <p className="followed-sidebar__empty">{t('browse.sidebarEmpty')}</p>}
      <ul className="followed-sidebar__list">
        {live.map((channel) => (
          <li key={channel.slug}>
            <Link to={`/c/${channel.slug}`} className="followed-sidebar__item" data-testid="followed-live" data-slug={channel.slug} title={channel.title}>
              <StreamerAvatar channel={channel} className="followed-sidebar__avatar" />
              <span className="followed-sidebar__text">
                <span className="followed-sidebar__name">{streamerName(channel)}</span>
                <span className="followed-sidebar__category">{channel.category ? nameOf(channel.category) : channel.title}</span>
              </span>
              <span className="followed-sidebar__viewers">
                <span className="followed-sidebar__dot" aria-hidden="true" />
                {t('common.viewers', { n: channel.viewerCount })}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Link to="/following" className="followed-sidebar__all">
        {t('browse.sidebarAll')}
      </Link>
    </aside>
  );
}
