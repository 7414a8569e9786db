import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOwner } from '@lait/shared';
import { CopyButton } from './CopyButton';

/**
 * The "you're live" moment: the link to share, once per broadcast (dismissed, it stays away until
 * the next one). The system share sheet where the browser has one (phones), copying everywhere.
 */
export function LiveShareCard({ channel }: { channel: ChannelOwner }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!channel.live || channel.liveSince === null || dismissed === channel.liveSince) return null;
  const url = `${window.location.origin}/c/${channel.slug}`;
  const canShare = typeof navigator.share === 'function';
  return (
    <section className="card dash-card live-share" data-testid="live-share" aria-labelledby="live-share-title">
      <h2 id="live-share-title">{t('dashboard.share.title')}</h2>
      <p className="dash-muted">{t('dashboard.share.body')}</p>
      <div className="dash-row">
        <input className="field__input dash-mono" data-testid="live-share-url" readOnly value={url} onFocus={(e) => e.currentTarget.select()} aria-label={t('dashboard.share.link')} />
        <CopyButton text={url} testId="live-share-copy" />
        {canShare && (
          <button type="button" className="button" onClick={() => void navigator.share({ title: channel.title, url }).catch(() => {})}>
            {t('dashboard.share.share')}
          </button>
        )}
      </div>
      <button type="button" className="button button--ghost live-share__close" data-testid="live-share-dismiss" onClick={() => setDismissed(channel.liveSince)}>
        {t('dashboard.share.dismiss')}
      </button>
    </section>
  );
}
