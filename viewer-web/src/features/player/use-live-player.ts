import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { createLivePlayer, type LivePlayer } from './live-player';
import type { EndReason, PlayerState } from './player-state';

const LATENCY_SAMPLE_MS = 1_000;

/** Plays `url` in the video element for as long as the component is mounted with that url. */
export function useLivePlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  url: string,
  onEnded: (reason: EndReason) => void,
): { state: PlayerState; latency: number | null; stale: boolean; seekToLiveEdge: () => void } {
  const [state, setState] = useState<PlayerState>('loading');
  const [stale, setStale] = useState(false);
  const [latency, setLatency] = useState<number | null>(null);
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
    const player = createLivePlayer(video, url, {
      onState: setState,
      onStale: setStale,
      onEnded: (reason) => onEndedRef.current(reason),
    });
    playerRef.current = player;
    const timer = setInterval(() => setLatency(player.latency()), LATENCY_SAMPLE_MS);
    return () => {
      clearInterval(timer);
      playerRef.current = null;
      player.destroy();
    };
  }, [videoRef, url]);

  const seekToLiveEdge = useCallback(() => playerRef.current?.seekToLiveEdge(), []);
  return { state, latency, stale, seekToLiveEdge };
}
