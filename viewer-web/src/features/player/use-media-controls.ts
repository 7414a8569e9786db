import { useCallback, useEffect, useState, type RefObject } from 'react';

export interface MediaControls {
  paused: boolean;
  muted: boolean;
  /** 0..1, as the slider shows it: 0 while muted. */
  volume: number;
  togglePlay(): void;
  toggleMute(): void;
  setVolume(volume: number): void;
  /** Nudges the volume by `delta` (arrow keys), unmuting when it goes up. */
  stepVolume(delta: number): void;
}

const VOLUME_KEY = 'lait.player.volume';

function storedVolume(): number {
  const value = Number(localStorage.getItem(VOLUME_KEY));
  return Number.isFinite(value) && value > 0 && value <= 1 ? value : 1;
}

/**
 * Mirrors the video's paused, muted and volume state (autoplay may mute it) and changes them from
 * user gestures. A live stream resumes at the live edge (`onResume`), not where it was paused.
 */
export function useMediaControls(videoRef: RefObject<HTMLVideoElement | null>, onResume: () => void): MediaControls {
  const [paused, setPaused] = useState(false);
  const [muted, setMuted] = useState(true);
  const [volume, setVolumeState] = useState(1);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.volume = storedVolume();
    const sync = () => {
      setPaused(video.paused);
      setMuted(video.muted || video.volume === 0);
      setVolumeState(video.volume);
    };
    sync();
    const events = ['play', 'pause', 'playing', 'volumechange'] as const;
    for (const name of events) video.addEventListener(name, sync);
    return () => {
      for (const name of events) video.removeEventListener(name, sync);
    };
  }, [videoRef]);

  const play = useCallback((video: HTMLVideoElement) => {
    onResume();
    void Promise.resolve(video.play()).catch(() => undefined);
  }, [onResume]);

  const togglePlay = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    if (video.paused) play(video);
    else video.pause();
  }, [videoRef, play]);

  const setVolume = useCallback((next: number) => {
    const video = videoRef.current;
    if (!video) return;
    const clamped = Math.min(1, Math.max(0, next));
    video.volume = clamped;
    video.muted = clamped === 0;
    if (clamped > 0) localStorage.setItem(VOLUME_KEY, String(clamped));
  }, [videoRef]);

  const toggleMute = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    const unmute = video.muted || video.volume === 0;
    if (unmute && video.volume === 0) video.volume = storedVolume();
    video.muted = !unmute;
    if (unmute && video.paused) play(video);
  }, [videoRef, play]);

  const stepVolume = useCallback((delta: number) => {
    const video = videoRef.current;
    if (!video) return;
    setVolume((video.muted ? 0 : video.volume) + delta);
  }, [videoRef, setVolume]);

  return { paused, muted, volume: muted ? 0 : volume, togglePlay, toggleMute, setVolume, stepVolume };
}
