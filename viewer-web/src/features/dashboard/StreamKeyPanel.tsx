import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../lib/api-context';
import { useErrorMessage } from '../../lib/use-error-message';
import { useAuth } from '../auth/auth-context';
import { FormError } from '../auth/FormError';
import { CopyButton } from './CopyButton';

export interface StreamKeyPanelProps {
  hasStreamKey: boolean;
  live: boolean;
  onRotated: () => void;
}

/**
 * The key exists in this component's state only, from the rotate answer until the page is left:
 * the server stores a hash and never sends a stored key again.
 */
export function StreamKeyPanel({ hasStreamKey, live, onRotated }: StreamKeyPanelProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { withToken } = useAuth();
  const describe = useErrorMessage();
  const [key, setKey] = useState<string | null>(null);
  // Masked until asked: a streamer sharing their screen must not leak a key the moment it appears.
  const [revealed, setRevealed] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const rotate = async () => {
    setBusy(true);
    setError(null);
    setConfirming(false);
    try {
      const { streamKey } = await withToken((token) => api.rotateStreamKey(token));
      setKey(streamKey);
      setRevealed(false);
      onRotated();
    } catch (err) {
      setError(describe(err));
    } finally {
      setBusy(false);
    }
  };
  // Rotating ends a stream live on the old key: ask once more while live.
  const onRotate = () => (live && (hasStreamKey || key) ? setConfirming(true) : void rotate());
  const exists = hasStreamKey || key !== null;

  return (
    <div className="stream-key">
      <span className="dash-label">{t('dashboard.streamKey')}</span>
      {key ? (
        <>
          <div className="dash-row">
            <input
              className="field__input dash-mono"
              data-testid="stream-key-value"
              type={revealed ? 'text' : 'password'}
              readOnly
              value={key}
              autoComplete="off"
              onFocus={(e) => e.currentTarget.select()}
              aria-label={t('dashboard.streamKey')}
            />
            <button type="button" className="button button--ghost" data-testid="stream-key-reveal" aria-pressed={revealed} onClick={() => setRevealed((r) => !r)}>
              {revealed ? t('dashboard.hideKey') : t('dashboard.showKey')}
            </button>
            <CopyButton text={key} testId="stream-key-copy" />
          </div>
          <p className="dash-warning" role="status">{t('dashboard.keyOnce')}</p>
        </>
      ) : (
        <p className="dash-muted">{exists ? t('dashboard.keyHidden') : t('dashboard.keyNone')}</p>
      )}
      <div className="dash-row">
        <button type="button" className={exists ? 'button button--danger' : 'button'} data-testid="stream-key-rotate" disabled={busy || confirming} onClick={onRotate}>
          {exists ? t('dashboard.rotateKey') : t('dashboard.createKey')}
        </button>
      </div>
      {confirming && (
        <div className="dash-confirm" role="alertdialog" aria-label={t('dashboard.rotateKey')}>
          <p>{t('dashboard.rotateConfirm')}</p>
          <div className="dash-row">
            <button type="button" className="button button--danger" data-testid="stream-key-rotate-confirm" onClick={() => void rotate()}>
              {t('dashboard.rotateKey')}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
              {t('dashboard.cancel')}
            </button>
          </div>
        </div>
      )}
      {exists && <p className="dash-muted">{t('dashboard.rotateWarning')}</p>}
      <FormError message={error} />
    </div>
  );
}
