import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { useApi } from '../../lib/api-context';
import { useDocumentTitle } from '../../lib/use-document-title';
import { CategoryBar } from './CategoryBar';
import { ChannelGrid } from './ChannelGrid';
import { useCategories } from './use-categories';
import { useChannelList } from './use-channel-list';
import './directory.css';

/** `/category/:slug`: the live channels of one category. */
export function CategoryPage() {
  const { t } = useTranslation();
  const api = useApi();
  const { slug = '' } = useParams();
  const { categories, loaded, nameOf } = useCategories();
  const state = useChannelList(`category:${slug}`, (signal) =>
    api.listChannels({ live: true, category: slug, sort: 'viewers' }, signal),
  );
  const name = nameOf(slug);
  const unknown = loaded && !categories.some((c) => c.slug === slug);
  useDocumentTitle(unknown ? null : name);

  if (unknown) return <NotFoundPage />;
  return (
    <section className="directory" aria-labelledby="directory-title" data-testid="category-page" data-slug={slug}>
      <CategoryBar categories={categories} />
      <header className="directory__header">
        <h1 id="directory-title">{t('browse.categoryTitle', { name })}</h1>
      </header>
      <ChannelGrid state={state} categoryName={nameOf} empty={<p className="directory__empty-title">{t('browse.categoryEmpty')}</p>} />
    </section>
  );
}
