import { useState } from 'react';
import type { Clip } from '@lait/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../../lib/api-context';
import { useErrorMessage } from '../../lib/use-error-message';
import { useAuth } from '../auth/auth-context';

/** How much a clip takes: the 30 s up to the live edge, or up to the replay's position. */
const CLIP_SEC = 30;

/** What is clipped: a live channel's last 30 s, or the 30 s of a past broadcast before `positionSec`. */
export type ClipSource = { kind: 'live'; slug: string } | { kind: 'video'; id: string; positionSec: number; durationSec: number };

/** The range of a past broadcast a clip at `positionSec` takes: the 30 s before it, or the first 30 s near the start. */
export function vodClipRange(positionSec: number, durationSec: number): { start: number; end: number } {
  const end = Math.min(durationSec, Math.max(positionSec, Math.min(CLIP_SEC, durationSec)));
  return { start: Math.max(0, Math.round((end - CLIP_SEC) * 10) / 10), end: Math.round(end * 10) / 10 };
}

/** Signed-in viewers clip 30 s of a live stream or a past broadcast; the answer links to the clip's share page. */
export function ClipButton({ source }: { source: ClipSource }) {
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
      setClip(await auth.withToken((token) => {
        if (source.kind === 'live') return api.createLiveClip(token, source.slug, CLIP_SEC);
        const { start, end } = vodClipRange(source.positionSec, source.durationSec);
        return api.createVideoClip(token, source.id, start, end);
      }));
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
