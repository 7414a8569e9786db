import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';

export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const current = pathname === '/search' ? (params.get('q') ?? '') : '';
  const [q, setQ] = useState(current);
  // Follow the address (back/forward, a link to another search).
  useEffect(() => setQ(current), [current]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = q.trim();
    if (query) void navigate(`/search?q=${encodeURIComponent(query)}`);
  };
  return (
    <form className="search-box" role="search" onSubmit={submit}>
      <input
        type="search"
        className="search-box__input"
        data-testid="search-input"
        aria-label={t('nav.searchLabel')}
        placeholder={t('nav.searchPlaceholder')}
        value={q}
        maxLength={64}
        onChange={(e) => setQ(e.target.value)}
      />
      <button type="submit" className="search-box__button" aria-label={t('nav.searchLabel')}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" d="M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM20 20l-4.8-4.8" />
        </svg>
      </button>
    </form>
  );
}
