import { useEffect, useRef, useState, type RefObject } from 'react';
import { createLivePlayer } from './live-player';
import type { EndReason, PlayerState } from './player-state';

const LATENCY_SAMPLE_MS = 1_000;

/** Plays `url` in the video element for as long as the component is mounted with that url. */
export function useLivePlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  url: string,
  onEnded: (reason: EndReason) => void,
): { state: PlayerState; latency: number | null } {
  const [state, setState] = useState<PlayerState>('loading');
  const [latency, setLatency] = useState<number | null>(null);
  const onEndedRef = useRef(onEnded);

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
      onEnded: (reason) => onEndedRef.current(reason),
    });
    const timer = setInterval(() => setLatency(player.latency()), LATENCY_SAMPLE_MS);
    return () => {
      clearInterval(timer);
      player.destroy();
    };
  }, [videoRef, url]);

  return { state, latency };
}
