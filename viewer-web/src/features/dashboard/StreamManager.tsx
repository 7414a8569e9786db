import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOwner } from '@lait/shared';

const LivePlayer = lazy(() => import('../player/LivePlayer').then((m) => ({ default: m.LivePlayer })));
const ChatPanel = lazy(() => import('../chat').then((m) => ({ default: m.ChatPanel })));

/**
 * While live, what viewers see and what they say, side by side (Twitch's stream manager): the
 * streamer checks the picture and moderates without a second tab. The preview starts muted, as
 * every player here does, so the streamer does not hear themselves.
 */
export function StreamManager({ channel }: { channel: ChannelOwner }) {
  const { t } = useTranslation();
  if (channel.status !== 'live') return null;
  return (
    <section className="stream-manager" data-testid="stream-manager" aria-label={t('dashboard.manager.title')}>
      <div className="stream-manager__preview">
        <h2 className="dash-label">{t('dashboard.manager.preview')}</h2>
        <Suspense fallback={<div className="player" data-testid="player" data-state="loading" />}>
          {/* The dashboard's poll takes the channel offline, which removes this preview: nothing to do on end. */}
          <LivePlayer url={channel.hlsUrl} title={channel.title} onEnded={() => {}} />
        </Suspense>
      </div>
      <div className="stream-manager__chat">
        <Suspense fallback={<aside className="chat-panel chat-panel--loading" aria-busy="true" />}>
          <ChatPanel slug={channel.slug} />
        </Suspense>
      </div>
    </section>
  );
}
