import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_BEHIND_SEC } from './hls-config';
import type { EndReason, PlayerState } from './player-state';
import { PlayerControls } from './PlayerControls';
import { QualityMenu } from './QualityMenu';
import { useFullscreen } from './use-fullscreen';
import { useLivePlayer } from './use-live-player';
import { useMediaControls } from './use-media-controls';
import { usePictureInPicture } from './use-pip';
import { usePlayerKeys } from './use-player-keys';
import { VolumeIcon } from './VolumeIcon';
import './player.css';

export interface LivePlayerProps {
  url: string;
  title: string;
  onEnded: (reason: EndReason) => void;
  /** True when playing stopped for want of data (the publisher may have dropped), false when it plays again. */
  onStall?: (stalled: boolean) => void;
  /** Theatre mode is the page's layout: the page owns it and the player only toggles it. */
  theatre?: { active: boolean; toggle(): void } | undefined;
}

const OVERLAY_KEY = {
  loading: 'player.loading',
  recovering: 'player.recovering',
  offline: 'player.checking',
  error: 'player.error',
} as const satisfies Partial<Record<PlayerState, string>>;

export function LivePlayer({ url, title, onEnded, onStall, theatre }: LivePlayerProps) {
  const { t } = useTranslation();
  const containerRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const { state, latency, stale, seekToLiveEdge, quality } = useLivePlayer(videoRef, url, onEnded);
  const playedRef = useRef(false);
  useEffect(() => {
    if (state === 'playing') playedRef.current = true;
    if (playedRef.current) onStall?.(stale || state === 'loading' || state === 'buffering' || state === 'recovering');
  }, [state, stale, onStall]);
  const media = useMediaControls(videoRef, seekToLiveEdge);
  const fullscreen = useFullscreen(containerRef, videoRef);
  const pip = usePictureInPicture(videoRef);
  usePlayerKeys(containerRef, {
    togglePlay: media.togglePlay,
    toggleMute: media.toggleMute,
    toggleFullscreen: fullscreen.toggle,
    toggleTheatre: theatre?.toggle,
    togglePip: pip.toggle,
    stepVolume: media.stepVolume,
  });
  const behind = media.paused || (latency !== null && latency > LIVE_BEHIND_SEC);
  const goLive = () => {
    if (media.paused) media.togglePlay();
    else seekToLiveEdge();
  };
  const overlay = state === 'playing' || state === 'buffering' ? null : OVERLAY_KEY[state];

  return (
    <div
      ref={containerRef}
      className="player"
      data-testid="player"
      data-state={state}
      data-paused={media.paused}
      data-fullscreen={fullscreen.fullscreen}
      data-latency={latency?.toFixed(2) ?? ''}
      data-level-height={quality.levels.find((l) => l.index === quality.playing)?.height ?? ''}
    >
      <video
        ref={videoRef}
        className="player__video"
        data-testid="player-video"
        aria-label={title}
        autoPlay
        muted
        playsInline
        onDoubleClick={fullscreen.toggle}
      />
      {overlay && (
        <div className="player__overlay" role="status">
          {state !== 'error' && <span className="player__spinner" aria-hidden="true" />}
          <span>{t(overlay)}</span>
        </div>
      )}
      {state === 'buffering' && (
        <span className="player__spinner player__spinner--small" role="status" aria-label={t('player.buffering')} data-testid="player-buffering" />
      )}
      {media.muted && state !== 'error' && (
        <button type="button" className="player__unmute" data-testid="player-unmute" onClick={media.toggleMute}>
          <VolumeIcon muted />
          {t('player.unmute')}
        </button>
      )}
      <PlayerControls
        media={media}
        latency={latency}
        behind={behind}
        onGoLive={goLive}
        fullscreen={{ active: fullscreen.fullscreen, toggle: fullscreen.toggle }}
        pip={pip}
        theatre={theatre}
        quality={<QualityMenu quality={quality} />}
      />
    </div>
  );
}
