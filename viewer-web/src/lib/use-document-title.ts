import { useEffect } from 'react';

/** Sets `<title>` to "`title` · Lait" (just "Lait" without a title) while mounted. */
export function useDocumentTitle(title: string | null): void {
  useEffect(() => {
    document.title = title ? `${title} · Lait` : 'Lait';
  }, [title]);
}
