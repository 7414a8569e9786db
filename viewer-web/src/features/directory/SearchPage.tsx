import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../lib/api-context';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ChannelGrid } from './ChannelGrid';
import { useCategories } from './use-categories';
import { useChannelList } from './use-channel-list';
import './directory.css';

/** `/search?q=`: live and offline channels whose name or title matches (ㄹㅇ finds 라잇, server-side). */
export function SearchPage() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim().slice(0, 64);
  return q ? <SearchResults q={q} /> : <SearchPrompt />;
}

function SearchPrompt() {
  const { t } = useTranslation();
  useDocumentTitle(t('nav.searchLabel'));
  return <p className="directory__note">{t('browse.searchPrompt')}</p>;
}

function SearchResults({ q }: { q: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { nameOf } = useCategories();
  const state = useChannelList(`search:${q}`, (signal) => api.listChannels({ q, sort: 'viewers' }, signal));
  useDocumentTitle(t('browse.searchTitle', { q }));
  return (
    <section className="directory" aria-labelledby="directory-title" data-testid="search-page">
      <header className="directory__header">
        <h1 id="directory-title">{t('browse.searchTitle', { q })}</h1>
      </header>
      <ChannelGrid state={state} categoryName={nameOf} empty={<p className="directory__empty-title">{t('browse.searchEmpty', { q })}</p>} />
    </section>
  );
}
