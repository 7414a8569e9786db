import type { BroadcastError, BroadcastHealth, BroadcastStatus } from '@lait/shared';
import { useI18n } from '../../i18n/i18n';

interface Props {
  status: BroadcastStatus;
  health: BroadcastHealth | null;
  error: Pick<BroadcastError, 'code' | 'message'> | null;
}

export function BroadcastStatusBar({ status, health, error }: Props) {
  const { t, errorText } = useI18n();
  const retryIn = status.nextRetryAt ? Math.max(0, Math.round((status.nextRetryAt - Date.now()) / 1000)) : null;
  return (
    <div className={`status status-${status.state}`} role="status" data-testid="broadcast-status" data-state={status.state}>
      <strong className={status.state === 'live' ? 'live-badge' : undefined}>{t(`state.${status.state}`)}</strong>
      {status.state === 'reconnecting' && retryIn !== null && <span> ({t('live.retryIn', { s: retryIn })})</span>}
      {status.state === 'live' && health && (
        <span className="health">
          {t('health.line', { fps: health.fps.toFixed(0), kbps: health.bitrateKbps.toFixed(0), speed: health.speed.toFixed(2), drop: health.dropFrames })}
        </span>
      )}
      {error && <p className="form-error error" role="alert" data-testid="broadcast-error" data-code={error.code}>{errorText(error.code, error.message)}</p>}
    </div>
  );
}
