import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaControls } from './use-media-controls';
import { FullscreenIcon, PauseIcon, PipIcon, PlayIcon, TheatreIcon } from './PlayerIcons';
import { VolumeIcon } from './VolumeIcon';

export interface PlayerControlsProps {
  media: MediaControls;
  latency: number | null;
  /** Paused or drifted behind: the LIVE badge greys out and jumps back to the edge when pressed. */
  behind: boolean;
  onGoLive(): void;
  fullscreen: { active: boolean; toggle(): void };
  pip: { supported: boolean; active: boolean; toggle(): void };
  theatre?: { active: boolean; toggle(): void } | undefined;
  /** Where the quality menu (the ABR ladder's QualityMenu) sits, left of theatre mode and fullscreen. */
  quality?: ReactNode;
}

export function PlayerControls({ media, latency, behind, onGoLive, fullscreen, pip, theatre, quality }: PlayerControlsProps) {
  const { t } = useTranslation();
  return (
    <div className="player__bar" data-testid="player-controls">
      <button type="button" className="player__icon" data-testid="player-play" aria-label={media.paused ? t('player.play') : t('player.pause')} title={media.paused ? t('player.play') : t('player.pause')} onClick={media.togglePlay}>
        {media.paused ? <PlayIcon /> : <PauseIcon />}
      </button>
      <div className="player__volume">
        <button type="button" className="player__icon" data-testid="player-mute-toggle" aria-pressed={media.muted} aria-label={media.muted ? t('player.unmuteKey') : t('player.muteKey')} title={media.muted ? t('player.unmuteKey') : t('player.muteKey')} onClick={media.toggleMute}>
          <VolumeIcon muted={media.muted} />
        </button>
        <input
          type="range"
          className="player__volume-slider"
          data-testid="player-volume"
          min={0}
          max={1}
          step={0.05}
          value={media.volume}
          aria-label={t('player.volume')}
          aria-valuetext={`${Math.round(media.volume * 100)}%`}
          onChange={(e) => media.setVolume(Number(e.target.value))}
        />
      </div>
      <button
        type="button"
        className="player__live"
        data-testid="player-live"
        data-behind={behind}
        // The visible word is the accessible name (WCAG 2.5.3); the state is its description.
        title={behind ? t('player.goLive') : t('player.atLive')}
        onClick={onGoLive}
      >
        {t('player.live')}
      </button>
      {latency !== null && !behind && (
        <span className="player__latency" data-testid="player-latency">
          {t('player.latency', { value: latency.toFixed(1) })}
        </span>
      )}
      <span className="player__bar-spacer" />
      {quality && <div className="player__quality-slot">{quality}</div>}
      {pip.supported && (
        <button type="button" className="player__icon" data-testid="player-pip" aria-pressed={pip.active} aria-label={pip.active ? t('player.exitPip') : t('player.pip')} title={pip.active ? t('player.exitPip') : t('player.pip')} onClick={pip.toggle}>
          <PipIcon />
        </button>
      )}
      {theatre && (
        <button type="button" className="player__icon player__theatre" data-testid="player-theatre" aria-pressed={theatre.active} aria-label={theatre.active ? t('player.exitTheatre') : t('player.theatre')} title={theatre.active ? t('player.exitTheatre') : t('player.theatre')} onClick={theatre.toggle}>
          <TheatreIcon />
        </button>
      )}
      <button type="button" className="player__icon" data-testid="player-fullscreen" aria-pressed={fullscreen.active} aria-label={fullscreen.active ? t('player.exitFullscreen') : t('player.fullscreen')} title={fullscreen.active ? t('player.exitFullscreen') : t('player.fullscreen')} onClick={fullscreen.toggle}>
        <FullscreenIcon on={fullscreen.active} />
      </button>
    </div>
  );
}
