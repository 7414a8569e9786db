import { Suspense, lazy, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ChannelInfo } from './ChannelInfo';
import { ChannelNotFound } from './ChannelNotFound';
import { ChannelOffline } from './ChannelOffline';
import { useChannel } from './use-channel';
import './channel.css';

// hls.js is most of the bundle: only channel pages that are live download it.
const LivePlayer = lazy(() => import('../player/LivePlayer').then((m) => ({ default: m.LivePlayer })));
// Chat (Socket.IO client, the panel) only loads on channel pages, not with the directory.
const ChatPanel = lazy(() => import('../chat').then((m) => ({ default: m.ChatPanel })));

export function ChannelPage() {
  const { slug = '' } = useParams();
  // A new slug is a new page: fresh poll, fresh player.
  return <ChannelView key={slug} slug={slug} />;
}

function ChannelView({ slug }: { slug: string }) {
  const { t } = useTranslation();
  // Set when the player gave up on its stream, until the API says whether the channel is still live.
  const checkingRef = useRef(false);
  const [playerGeneration, setPlayerGeneration] = useState(0);
  const { state, refresh } = useChannel(slug, (channel) => {
    if (!checkingRef.current) return;
    checkingRef.current = false;
    // Still live by the API (a quick restart, a long network cut): start a new player.
    if (channel.live) setPlayerGeneration((g) => g + 1);
  });
  const onEnded = useCallback(() => {
    checkingRef.current = true;
    refresh();
  }, [refresh]);
  useDocumentTitle(state.status === 'ready' ? state.channel.title : null);

  if (state.status === 'loading') return <p className="channel-note">{t('common.loading')}</p>;
  if (state.status === 'not-found') return <ChannelNotFound />;
  if (state.status === 'error') {
    return (
      <p className="channel-note channel-note--error" role="alert">
        {t('channel.error')}
      </p>
    );
  }

  const { channel, stale } = state;
  return (
    <div className="channel-page">
      {channel.live ? (
        <section className="channel-live" data-testid="channel-live" aria-label={channel.title}>
          <Suspense fallback={<div className="player" data-testid="player" data-state="loading" />}>
            <LivePlayer key={playerGeneration} url={channel.hlsUrl} title={channel.title} onEnded={onEnded} />
          </Suspense>
        </section>
      ) : (
        <ChannelOffline channel={channel} />
      )}
      {stale && (
        <p className="channel-note channel-note--error" role="alert">
          {t('channel.error')}
        </p>
      )}
      <ChannelInfo channel={channel} />
      <Suspense fallback={<aside className="chat-panel chat-panel--loading" aria-busy="true" />}>
        <ChatPanel slug={slug} />
      </Suspense>
    </div>
  );
}
