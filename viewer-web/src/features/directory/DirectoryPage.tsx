import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context';
import { useDocumentTitle } from '../../lib/use-document-title';
import { FollowedSidebar } from '../follow/FollowedSidebar';
import { CategoryBar } from './CategoryBar';
import { ChannelGrid } from './ChannelGrid';
import { useCategories } from './use-categories';
import { useChannelList } from './use-channel-list';
import './directory.css';

/** Home: every live channel, most watched first. */
export function DirectoryPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { categories, nameOf } = useCategories();
  const state = useChannelList('live', (signal) => api.listChannels({ live: true, sort: 'viewers' }, signal));
  useDocumentTitle(null);

  return (
    <div className="directory-layout">
      <FollowedSidebar />
      <section className="directory" aria-labelledby="directory-title" data-testid="directory">
        <CategoryBar categories={categories} />
        <header className="directory__header">
          <h1 id="directory-title">{t('directory.title')}</h1>
          {state.status === 'ready' && state.channels.length > 0 && (
            <span className="directory__count">{t('directory.liveCount', { n: state.channels.length })}</span>
          )}
        </header>
        <ChannelGrid
          state={state}
          categoryName={nameOf}
          empty={
            <>
              <p className="directory__empty-title">{t('directory.empty')}</p>
              <p>{t('directory.emptyHint')}</p>
            </>
          }
        />
      </section>
    </div>
  );
}
