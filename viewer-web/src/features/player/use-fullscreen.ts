import { useCallback, useEffect, useState, type RefObject } from 'react';

/** iOS Safari fullscreens only a video element, through its own prefixed call. */
interface WebkitVideo extends HTMLVideoElement {
  webkitEnterFullscreen?: () => void;
}

/** Orientation lock is in Chrome on Android; the DOM typings do not carry it everywhere. */
interface LockableOrientation {
  lock?: (orientation: 'landscape') => Promise<void>;
}

/**
 * Fullscreen for the player container (controls stay ours), and on a phone that cannot do that
 * (iOS) the video's native fullscreen. A phone also turns to landscape where the browser allows.
 */
export function useFullscreen(containerRef: RefObject<HTMLElement | null>, videoRef: RefObject<HTMLVideoElement | null>) {
  const [fullscreen, setFullscreen] = useState(false);

  useEffect(() => {
    const sync = () => setFullscreen(document.fullscreenElement !== null && document.fullscreenElement === containerRef.current);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, [containerRef]);

  const toggle = useCallback(() => {
    const container = containerRef.current;
    const video = videoRef.current as WebkitVideo | null;
    if (!container) return;
    if (document.fullscreenElement) {
      void document.exitFullscreen().catch(() => undefined);
      return;
    }
    if (typeof container.requestFullscreen === 'function') {
      void container
        .requestFullscreen()
        .then(() => {
          if (window.matchMedia?.('(pointer: coarse)').matches) {
            void (screen.orientation as LockableOrientation | undefined)?.lock?.('landscape')?.catch(() => undefined);
          }
        })
        .catch(() => video?.webkitEnterFullscreen?.());
      return;
    }
    video?.webkitEnterFullscreen?.();
  }, [containerRef, videoRef]);

  return { fullscreen, toggle };
}
