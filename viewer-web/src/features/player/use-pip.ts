import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Picture-in-picture of the video, where the browser offers it (`supported` is false elsewhere). */
export function usePictureInPicture(videoRef: RefObject<HTMLVideoElement | null>) {
  const [active, setActive] = useState(false);
  const supported = typeof document !== 'undefined' && document.pictureInPictureEnabled === true;

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const enter = () => setActive(true);
    const leave = () => setActive(false);
    video.addEventListener('enterpictureinpicture', enter);
    video.addEventListener('leavepictureinpicture', leave);
    return () => {
      video.removeEventListener('enterpictureinpicture', enter);
      video.removeEventListener('leavepictureinpicture', leave);
    };
  }, [videoRef]);

  const toggle = useCallback(() => {
    const video = videoRef.current;
    if (!video || !supported) return;
    if (document.pictureInPictureElement) void document.exitPictureInPicture().catch(() => undefined);
    else void video.requestPictureInPicture().catch(() => undefined);
  }, [videoRef, supported]);

  return { supported, active, toggle };
}
