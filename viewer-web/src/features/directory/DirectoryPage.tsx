import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ChannelCard } from './ChannelCard';
import { useLiveChannels } from './use-live-channels';
import './directory.css';

export function DirectoryPage() {
  const { t } = useTranslation();
  const state = useLiveChannels();
  useDocumentTitle(null);

  return (
    <section className="directory" aria-labelledby="directory-title" data-testid="directory">
      <header className="directory__header">
        <h1 id="directory-title">{t('directory.title')}</h1>
        {state.status === 'ready' && state.channels.length > 0 && (
          <span className="directory__count">{t('directory.liveCount', { n: state.channels.length })}</span>
        )}
      </header>
      {state.status === 'loading' && <p className="directory__note">{t('common.loading')}</p>}
      {(state.status === 'error' || (state.status === 'ready' && state.stale)) && (
        <p className="directory__note directory__note--error" role="alert">
          {t('directory.error')}
        </p>
      )}
      {state.status === 'ready' && state.channels.length === 0 && (
        <div className="directory__empty" data-testid="directory-empty">
          <p className="directory__empty-title">{t('directory.empty')}</p>
          <p>{t('directory.emptyHint')}</p>
        </div>
      )}
      {state.status === 'ready' && state.channels.length > 0 && (
        <ul className="directory__grid">
          {state.channels.map((channel) => (
            <ChannelCard key={channel.slug} channel={channel} />
          ))}
        </ul>
      )}
    </section>
  );
}
