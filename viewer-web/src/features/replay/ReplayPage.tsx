import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../lib/api-context';
import { formatDuration } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useCategories } from '../directory/use-categories';
import { ChatReplay } from './ChatReplay';
import { ClipButton } from './ClipButton';
import { useLoad } from './use-load';
import { VodPlayer } from './VodPlayer';
import './replay.css';

/** `/v/<id>`: a past broadcast with its chat, replayed at the playback position. */
export function ReplayPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { nameOf } = useCategories();
  const state = useLoad(id, (signal) => api.getVideo(id, signal));
  const [position, setPosition] = useState(0);
  const onTime = useCallback((sec: number) => setPosition(sec), []);
  useDocumentTitle(state.status === 'ready' ? state.data.title : null);

  if (state.status === 'loading') return <p className="channel-note">{t('common.loading')}</p>;
  if (state.status === 'not-found') return <p className="channel-note" data-testid="replay-not-found">{t('replay.notFound')}</p>;
  if (state.status === 'error') return <p className="channel-note channel-note--error" role="alert">{t('replay.error')}</p>;

  const video = state.data;
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en' : 'ko', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(video.startedAt));
  return (
    <div className="replay-page" data-testid="replay-page">
      <section className="replay-main">
        <VodPlayer url={video.hlsUrl} title={video.title} onTime={onTime} />
        <h1 className="replay__title">{video.title}</h1>
        <p className="replay__meta">
          <Link to={`/c/${video.channel.slug}`}>{video.channel.title}</Link>
          <span>{video.category ? nameOf(video.category) : t('common.noCategory')}</span>
          <time dateTime={video.startedAt}>{date}</time>
          <span data-testid="replay-duration">{formatDuration(video.durationSec)}</span>
        </p>
        <ClipButton source={{ kind: 'video', id: video.id, positionSec: position, durationSec: video.durationSec }} />
      </section>
      <ChatReplay videoId={video.id} positionSec={position} />
    </div>
  );
}
