import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ChannelCard } from './ChannelCard';
import type { ChannelListState } from './use-channel-list';

export interface ChannelGridProps {
  state: ChannelListState;
  categoryName: (slug: string) => string;
  /** Shown when the list is empty. */
  empty: ReactNode;
}

/** Loading, error, empty and the card grid for any channel list. */
export function ChannelGrid({ state, categoryName, empty }: ChannelGridProps) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <p className="directory__note">{t('common.loading')}</p>;
  return (
    <>
      {(state.status === 'error' || state.stale) && (
        <p className="directory__note directory__note--error" role="alert">
          {t('directory.error')}
        </p>
      )}
      {state.status === 'ready' && state.channels.length === 0 && (
        <div className="directory__empty" data-testid="directory-empty">
          {empty}
        </div>
      )}
      {state.status === 'ready' && state.channels.length > 0 && (
        <ul className="directory__grid">
          {state.channels.map((channel) => (
            <ChannelCard key={channel.slug} channel={channel} categoryName={categoryName} />
          ))}
        </ul>
      )}
    </>
  );
}
