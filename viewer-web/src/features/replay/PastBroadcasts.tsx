import type { Video } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../lib/api-context';
import { formatDuration } from '../../lib/format';
import { useAuth } from '../auth/auth-context';
import { useLoad } from './use-load';
import './replay.css';

/**
 * The channel page's list of past broadcasts (다시보기). Loaded again when `generation` changes: the
 * channel page passes its live state, so a broadcast that just ended appears without a reload.
 */
export function PastBroadcasts({ slug, generation }: { slug: string; generation?: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const state = useLoad(`videos:${slug}:${generation ?? ''}`, (signal) => api.listVideos(slug, signal));
  if (state.status !== 'ready' || state.data.videos.length === 0) return null;
  return <VideoShelf title={t('replay.past')} videos={state.data.videos} testId="past-broadcasts" />;
}

/** The following page's shelf: recent past broadcasts of the channels I follow, with their channel named. */
export function FollowedBroadcasts({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const state = useLoad(`followed-videos:${userId}`, (signal) => withToken((token) => api.listFollowedVideos(token, signal)));
  if (state.status !== 'ready' || state.data.videos.length === 0) return null;
  return <VideoShelf title={t('replay.followed')} videos={state.data.videos} testId="followed-broadcasts" showChannel />;
}

function VideoShelf({ title, videos, testId, showChannel = false }: { title: string; videos: Video[]; testId: string; showChannel?: boolean }) {
  const { i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en' : 'ko', { dateStyle: 'medium' });
  return (
    <section className="past-broadcasts" data-testid={testId}>
      <h2>{title}</h2>
      <ul className="past-broadcasts__list">
        {videos.map((v) => (
          <li key={v.id}>
            <Link to={`/v/${v.id}`} data-testid="past-broadcast" data-id={v.id}>
              {v.thumbnailUrl ? <img className="past-broadcasts__thumb" src={v.thumbnailUrl} alt="" /> : <div className="past-broadcasts__thumb" />}
              <span>{v.title}</span>
              <br />
              <small>
                {showChannel && <>{v.channel.title} · </>}
                {fmt.format(new Date(v.startedAt))} · {formatDuration(v.durationSec)}
              </small>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
