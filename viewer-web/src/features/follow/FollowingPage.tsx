import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../lib/api-context';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useAuth } from '../auth/auth-context';
import { FollowedBroadcasts } from '../replay/PastBroadcasts';
import { ChannelGrid } from '../directory/ChannelGrid';
import { useCategories } from '../directory/use-categories';
import { useChannelList } from '../directory/use-channel-list';
import '../directory/directory.css';

/** `/following`: the channels I follow, live ones first (the server sorts). */
export function FollowingPage() {
  const { t } = useTranslation();
  const { state, user } = useAuth();
  useDocumentTitle(t('browse.followingTitle'));
  if (state.status === 'loading') return <p className="directory__note">{t('common.loading')}</p>;
  if (!user) {
    return (
      <section className="message-page">
        <h1>{t('browse.followingTitle')}</h1>
        <p>{t('browse.followingLogin')}</p>
        <Link to="/login?next=%2Ffollowing" className="button">
          {t('nav.login')}
        </Link>
      </section>
    );
  }
  return <FollowingList userId={user.id} />;
}

function FollowingList({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const { nameOf } = useCategories();
  const list = useChannelList(`following:${userId}`, (signal) => withToken((token) => api.listFollowing(token, signal)));
  return (
    <section className="directory" aria-labelledby="directory-title" data-testid="following-page">
      <header className="directory__header">
        <h1 id="directory-title">{t('browse.followingTitle')}</h1>
      </header>
      <ChannelGrid
        state={list}
        categoryName={nameOf}
        empty={
          <>
            <p className="directory__empty-title">{t('browse.followingEmpty')}</p>
            <p>{t('browse.followingEmptyHint')}</p>
          </>
        }
      />
      <FollowedBroadcasts userId={userId} />
    </section>
  );
}
