import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Mirrors the video's muted flag (autoplay may mute it) and toggles it from a user gesture. */
export function useMuted(videoRef: RefObject<HTMLVideoElement | null>): { muted: boolean; toggle: () => void } {
  const [muted, setMuted] = useState(true);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const sync = () => setMuted(video.muted || video.volume === 0);
    sync();
    video.addEventListener('volumechange', sync);
    return () => video.removeEventListener('volumechange', sync);
  }, [videoRef]);

  const toggle = useCallback(() => {
    const video = videoRef.current;
    if (!video) return;
    const unmute = video.muted || video.volume === 0;
    video.muted = !unmute;
    if (unmute && video.volume === 0) video.volume = 1;
    if (unmute && video.paused) void Promise.resolve(video.play()).catch(() => undefined);
  }, [videoRef]);

  return { muted, toggle };
}
