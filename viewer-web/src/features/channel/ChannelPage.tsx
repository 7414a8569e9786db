import { Suspense, lazy, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../lib/use-document-title';
import { ClipButton } from '../replay/ClipButton';
import { PastBroadcasts } from '../replay/PastBroadcasts';
import { ChannelInfo } from './ChannelInfo';
import { ChannelNotFound } from './ChannelNotFound';
import { ChannelBrb } from './ChannelBrb';
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
  // Set while the player waits for data: the publisher may have dropped (be right back), so poll fast.
  const stalledRef = useRef(false);
  const [playerGeneration, setPlayerGeneration] = useState(0);
  const [theatre, setTheatre] = useState(false);
  // Chat's live count includes this viewer at once; the polled API catches up later. One number on the page.
  const [chatViewers, setChatViewers] = useState<number | null>(null);
  const toggleTheatre = useCallback(() => setTheatre((on) => !on), []);
  useEffect(() => {
    if (!theatre) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setTheatre(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [theatre]);
  const { state, refresh } = useChannel(
    slug,
    (channel) => {
      if (!checkingRef.current) return;
      checkingRef.current = false;
      // Still live by the API (a quick restart, a long network cut): start a new player.
      if (channel.status === 'live') setPlayerGeneration((g) => g + 1);
    },
    () => stalledRef.current,
  );
  const onEnded = useCallback(() => {
    checkingRef.current = true;
    refresh();
  }, [refresh]);
  const onStall = useCallback(
    (stalled: boolean) => {
      const was = stalledRef.current;
      stalledRef.current = stalled;
      if (stalled && !was) refresh();
    },
    [refresh],
  );
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
    <div className={theatre ? 'channel-page channel-page--theatre' : 'channel-page'} data-theatre={theatre}>
      {channel.status === 'live' ? (
        <section className="channel-live" data-testid="channel-live" aria-label={channel.title}>
          <Suspense fallback={<div className="player" data-testid="player" data-state="loading" />}>
            <LivePlayer
              key={playerGeneration}
              url={channel.hlsUrl}
              title={channel.title}
              onEnded={onEnded}
              onStall={onStall}
              theatre={{ active: theatre, toggle: toggleTheatre }}
            />
          </Suspense>
          <ClipButton source={{ kind: 'live', slug }} />
        </section>
      ) : channel.status === 'reconnecting' ? (
        <ChannelBrb channel={channel} />
      ) : (
        <ChannelOffline channel={channel} />
      )}
      {stale && (
        <p className="channel-note channel-note--error" role="alert">
          {t('channel.error')}
        </p>
      )}
      <ChannelInfo channel={chatViewers === null ? channel : { ...channel, viewerCount: chatViewers }} />
      <PastBroadcasts slug={slug} generation={channel.status} />
      <Suspense fallback={<aside className="chat-panel chat-panel--loading" aria-busy="true" />}>
        <ChatPanel slug={slug} onViewerCount={setChatViewers} />
      </Suspense>
    </div>
  );
}
