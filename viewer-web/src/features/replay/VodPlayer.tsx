import { useEffect, useRef } from 'react';
import Hls from 'hls.js';
import { autoplay } from '../player/live-player';

const HLS_MIME = 'application/vnd.apple.mpegurl';

/** A VOD with the browser's own controls (seek bar included); starts by itself (muted if the browser insists); reports the playback position. */
export function VodPlayer({ url, title, onTime }: { url: string; title: string; onTime: (sec: number) => void }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const report = () => onTime(video.currentTime);
    video.addEventListener('timeupdate', report);
    video.addEventListener('seeked', report);
    let hls: Hls | null = null;
    if (Hls.isSupported()) {
      hls = new Hls();
      hls.on(Hls.Events.MANIFEST_PARSED, () => autoplay(video));
      hls.loadSource(url);
      hls.attachMedia(video);
    } else if (video.canPlayType(HLS_MIME) !== '') {
      video.src = url;
      autoplay(video);
    }
    return () => {
      video.removeEventListener('timeupdate', report);
      video.removeEventListener('seeked', report);
      hls?.destroy();
    };
  }, [url, onTime]);
  return <video ref={videoRef} className="replay__video" data-testid="vod-video" aria-label={title} controls playsInline />;
}
