import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi } from '../../lib/api-context';
import { formatDuration } from '../../lib/format';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useLoad } from './use-load';
import './replay.css';

/** `/clip/<id>`: the share page of a clip (the server adds og: tags to this page's HTML). */
export function ClipPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const api = useApi();
  const state = useLoad(`clip:${id}`, (signal) => api.getClip(id, signal));
  useDocumentTitle(state.status === 'ready' ? state.data.title : null);
  if (state.status === 'loading') return <p className="channel-note">{t('common.loading')}</p>;
  if (state.status === 'not-found') return <p className="channel-note" data-testid="clip-not-found">{t('replay.clipNotFound')}</p>;
  if (state.status === 'error') return <p className="channel-note channel-note--error" role="alert">{t('replay.error')}</p>;
  const clip = state.data;
  return (
    <div className="replay-page" data-testid="clip-page">
      <section className="replay-main">
        <video className="replay__video" data-testid="clip-video" src={clip.url} controls autoPlay muted playsInline />
        <h1 className="replay__title">{clip.title}</h1>
        <p className="replay__meta">
          <Link to={`/c/${clip.channel.slug}`}>{clip.channel.title}</Link>
          <span>{formatDuration(clip.durationSec)}</span>
          {clip.videoId && <Link to={`/v/${clip.videoId}`}>{t('replay.fromVideo')}</Link>}
        </p>
      </section>
    </div>
  );
}
