import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EndReason, PlayerState } from './player-state';
import { useLivePlayer } from './use-live-player';
import { useMuted } from './use-muted';
import { VolumeIcon } from './VolumeIcon';
import './player.css';

export interface LivePlayerProps {
  url: string;
  title: string;
  onEnded: (reason: EndReason) => void;
}

const OVERLAY_KEY = {
  loading: 'player.loading',
  recovering: 'player.recovering',
  offline: 'player.checking',
  error: 'player.error',
} as const satisfies Partial<Record<PlayerState, string>>;

export function LivePlayer({ url, title, onEnded }: LivePlayerProps) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const { state, latency } = useLivePlayer(videoRef, url, onEnded);
  const { muted, toggle } = useMuted(videoRef);
  const overlay = state === 'playing' ? null : OVERLAY_KEY[state];

  return (
    <div className="player" data-testid="player" data-state={state} data-latency={latency?.toFixed(2) ?? ''}>
      <video ref={videoRef} className="player__video" data-testid="player-video" aria-label={title} autoPlay muted playsInline />
      {overlay && (
        <div className="player__overlay" role="status">
          {state !== 'error' && <span className="player__spinner" aria-hidden="true" />}
          <span>{t(overlay)}</span>
        </div>
      )}
      <div className="player__bar">
        <span className="live-badge" data-testid="live-badge">
          {t('common.live')}
        </span>
        {latency !== null && (
          <span className="player__latency" data-testid="player-latency">
            {t('player.latency', { value: latency.toFixed(1) })}
          </span>
        )}
        <span className="player__bar-spacer" />
        <button type="button" className="player__unmute" data-testid="player-mute-toggle" aria-pressed={!muted} onClick={toggle}>
          <VolumeIcon muted={muted} />
          {muted ? t('player.unmute') : t('player.mute')}
        </button>
      </div>
    </div>
  );
}
