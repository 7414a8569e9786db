import { useCallback, useState } from 'react';
import type { Category } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context';
import { usePoller } from '../../lib/use-poller';

/** Live counts per category change slowly; names never do. */
export const CATEGORIES_REFRESH_MS = 30_000;

export interface Categories {
  categories: Category[];
  /** True once the list arrived: only then can a slug be known to be unknown. */
  loaded: boolean;
  /** The category's name in the current language; the slug itself when it is unknown. */
  nameOf(slug: string): string;
}

export function useCategories(): Categories {
  const api = useApi();
  const { i18n } = useTranslation();
  const [categories, setCategories] = useState<Category[]>([]);
  const [loaded, setLoaded] = useState(false);
  usePoller('categories', {
    load: (signal) => api.listCategories(signal),
    onResult: (result) => {
      if (!result.ok) return;
      setCategories(result.data.categories);
      setLoaded(true);
    },
    nextDelayMs: () => CATEGORIES_REFRESH_MS,
  });
  const english = i18n.resolvedLanguage === 'en';
  const nameOf = useCallback(
    (slug: string) => {
      const c = categories.find((x) => x.slug === slug);
      return c ? (english ? c.nameEn : c.nameKo) : slug;
    },
    [categories, english],
  );
  return { categories, loaded, nameOf };
}
