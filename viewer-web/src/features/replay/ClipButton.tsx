import { useState } from 'react';
import type { Clip } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../lib/api-context';
import { useErrorMessage } from '../../lib/use-error-message';
import { useAuth } from '../auth/auth-context';

/** Signed-in viewers clip the last 30 s of a live stream; the answer links to the clip's share page. */
export function ClipButton({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const auth = useAuth();
  const describe = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [clip, setClip] = useState<Clip | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (!auth.user) return null;

  const onClick = async () => {
    setBusy(true);
    setError(null);
    try {
      setClip(await auth.withToken((token) => api.createLiveClip(token, slug, 30)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="clip-button">
      <button type="button" className="button button--ghost" data-testid="clip-button" disabled={busy} onClick={() => void onClick()}>
        {busy ? t('replay.clipping') : t('replay.clip')}
      </button>
      {clip && (
        <Link to={`/clip/${clip.id}`} data-testid="clip-link">
          {t('replay.clipReady')}
        </Link>
      )}
      {error !== null && <span role="alert">{describe(error)}</span>}
    </div>
  );
}
