import type { Category } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';

/** Links to every category, with how many channels are live in each. */
export function CategoryBar({ categories }: { categories: Category[] }) {
  const { t, i18n } = useTranslation();
  const english = i18n.resolvedLanguage === 'en';
  return (
    <nav className="category-bar" aria-label={t('browse.categories')}>
      <NavLink to="/" end className="category-bar__link">
        {t('browse.all')}
      </NavLink>
      {categories.map((c) => (
        <NavLink key={c.slug} to={`/category/${c.slug}`} className="category-bar__link" data-testid="category-link" data-slug={c.slug}>
          {english ? c.nameEn : c.nameKo}
          {c.liveCount > 0 && <span className="category-bar__count">{t('browse.liveCount', { n: c.liveCount })}</span>}
        </NavLink>
      ))}
    </nav>
  );
}
