import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { browserStorage } from './abr';
import { createLivePlayer, type LivePlayer } from './live-player';
import type { EndReason, PlayerState } from './player-state';
import { readStoredChoice, storeChoice, type QualityChoice, type QualityLevel } from './quality';

const LATENCY_SAMPLE_MS = 1_000;

export interface QualityState {
  /** hls.js's levels; empty until the manifest is parsed, and for native HLS. */
  levels: QualityLevel[];
  /** The level of the fragment on screen, once known. */
  playing: number | null;
  choice: QualityChoice;
  select(choice: QualityChoice): void;
}

/** Plays `url` in the video element for as long as the component is mounted with that url. */
export function useLivePlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  url: string,
  onEnded: (reason: EndReason) => void,
): { state: PlayerState; latency: number | null; stale: boolean; seekToLiveEdge: () => void; quality: QualityState } {
  const [state, setState] = useState<PlayerState>('loading');
  const [stale, setStale] = useState(false);
  const [latency, setLatency] = useState<number | null>(null);
  const [levels, setLevels] = useState<QualityLevel[]>([]);
  const [playing, setPlaying] = useState<number | null>(null);
  const [choice, setChoice] = useState<QualityChoice>(() => readStoredChoice(browserStorage()));
  const choiceRef = useRef(choice);
  const onEndedRef = useRef(onEnded);
  const playerRef = useRef<LivePlayer | null>(null);

  useEffect(() => {
    onEndedRef.current = onEnded;
  });

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    // Browsers allow autoplay only without sound; the unmute button is the user's gesture.
    video.muted = true;
    setLevels([]);
    setPlaying(null);
    const player = createLivePlayer(
      video,
      url,
      {
        onState: setState,
        onStale: setStale,
        onEnded: (reason) => onEndedRef.current(reason),
        onLevels: setLevels,
        onLevelSwitched: setPlaying,
      },
      { quality: choiceRef.current, storage: browserStorage() },
    );
    playerRef.current = player;
    const timer = setInterval(() => setLatency(player.latency()), LATENCY_SAMPLE_MS);
    return () => {
      clearInterval(timer);
      playerRef.current = null;
      player.destroy();
    };
  }, [videoRef, url]);

  const seekToLiveEdge = useCallback(() => playerRef.current?.seekToLiveEdge(), []);
  const select = useCallback((next: QualityChoice) => {
    choiceRef.current = next;
    setChoice(next);
    storeChoice(browserStorage(), next);
    playerRef.current?.setQuality(next);
  }, []);
  return { state, latency, stale, seekToLiveEdge, quality: { levels, playing, choice, select } };
}
