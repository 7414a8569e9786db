import { useCallback, useEffect, useId, useState } from 'react';
import type { Clip, Video } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../lib/api-context';
import { formatDuration } from '../../lib/format';
import { useErrorMessage } from '../../lib/use-error-message';
import { useAuth } from '../auth/auth-context';
import { FormError } from '../auth/FormError';

type Target = { kind: 'video' | 'clip'; id: string };

/**
 * The streamer's past broadcasts and clips of their channel: hide or show a video, delete a video
 * or a clip (asked once more: it takes the files too).
 */
export function ReplaysPanel({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const describe = useErrorMessage();
  const id = useId();
  const [videos, setVideos] = useState<Video[] | null>(null);
  const [clips, setClips] = useState<Clip[] | null>(null);
  const [confirming, setConfirming] = useState<Target | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      setBusy(true);
      setError(null);
      try {
        await action();
      } catch (err) {
        setError(describe(err));
      } finally {
        setBusy(false);
      }
    },
    [describe],
  );
  useEffect(() => {
    void run(async () => {
      const [v, c] = await Promise.all([withToken((token) => api.listMyVideos(token, slug)), api.listClips(slug)]);
      setVideos(v.videos);
      setClips(c.clips);
    });
  }, [run, withToken, api, slug]);

  const toggleHidden = (video: Video) =>
    run(async () => {
      const updated = await withToken((token) => api.setVideoHidden(token, video.id, !video.hidden));
      setVideos((list) => list?.map((v) => (v.id === video.id ? updated : v)) ?? null);
    });
  const remove = (target: Target) =>
    run(async () => {
      setConfirming(null);
      if (target.kind === 'video') {
        await withToken((token) => api.deleteVideo(token, target.id));
        setVideos((list) => list?.filter((v) => v.id !== target.id) ?? null);
      } else {
        await withToken((token) => api.deleteClip(token, target.id));
        setClips((list) => list?.filter((c) => c.id !== target.id) ?? null);
      }
    });
  const confirmRow = (target: Target) =>
    confirming?.kind === target.kind && confirming.id === target.id && (
      <div className="dash-confirm" role="alertdialog" aria-label={t('dashboard.replays.delete')}>
        <p>{t(target.kind === 'video' ? 'dashboard.replays.confirmVideo' : 'dashboard.replays.confirmClip')}</p>
        <div className="dash-row">
          <button type="button" className="button button--danger" data-testid="replay-delete-confirm" disabled={busy} onClick={() => void remove(target)}>
            {t('dashboard.replays.delete')}
          </button>
          <button type="button" className="button button--ghost" onClick={() => setConfirming(null)}>
            {t('dashboard.cancel')}
          </button>
        </div>
      </div>
    );

  return (
    <section className="card dash-card" aria-labelledby={`${id}-h`} data-testid="replays-panel">
      <h2 id={`${id}-h`}>{t('dashboard.replays.title')}</h2>
      <h3 className="dash-label">{t('dashboard.replays.videos')}</h3>
      {videos?.length === 0 && <p className="dash-muted">{t('dashboard.replays.noVideos')}</p>}
      <ul className="dash-mod__list">
        {videos?.map((video) => (
          <li key={video.id} className="dash-replay__row" data-testid="replay-video" data-id={video.id} data-hidden={video.hidden}>
            <Link to={`/v/${video.id}`}>{video.title}</Link>
            <span className="dash-muted">
              {formatDuration(video.durationSec)}
              {video.hidden && ` · ${t('dashboard.replays.hidden')}`}
            </span>
            <button type="button" className="button button--ghost" data-testid="replay-video-hide" disabled={busy} onClick={() => void toggleHidden(video)}>
              {video.hidden ? t('dashboard.replays.show') : t('dashboard.replays.hide')}
            </button>
            <button type="button" className="button button--ghost" data-testid="replay-video-delete" disabled={busy} onClick={() => setConfirming({ kind: 'video', id: video.id })}>
              {t('dashboard.replays.delete')}
            </button>
            {confirmRow({ kind: 'video', id: video.id })}
          </li>
        ))}
      </ul>
      <h3 className="dash-label">{t('dashboard.replays.clips')}</h3>
      {clips?.length === 0 && <p className="dash-muted">{t('dashboard.replays.noClips')}</p>}
      <ul className="dash-mod__list">
        {clips?.map((clip) => (
          <li key={clip.id} className="dash-replay__row" data-testid="replay-clip" data-id={clip.id}>
            <Link to={`/clip/${clip.id}`}>{clip.title}</Link>
            <span className="dash-muted">{formatDuration(clip.durationSec)}</span>
            <button type="button" className="button button--ghost" data-testid="replay-clip-delete" disabled={busy} onClick={() => setConfirming({ kind: 'clip', id: clip.id })}>
              {t('dashboard.replays.delete')}
            </button>
            {confirmRow({ kind: 'clip', id: clip.id })}
          </li>
        ))}
      </ul>
      <FormError message={error} />
    </section>
  );
}
