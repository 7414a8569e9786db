import { useEffect, useRef } from 'react';
import Hls from 'hls.js';
import { autoplay } from '../player/live-player';

const HLS_MIME = 'application/vnd.apple.mpegurl';

/**
 * A VOD with the browser's own controls (seek bar included); starts by itself (muted if the browser
 * insists); reports the playback position. A fatal hls.js error is recovered the way hls.js
 * documents it (network: load again; media: recoverMediaError, then swapAudioCodec once); the last
 * one is kept on the element (`data-error`) for whoever looks at a stuck player.
 * @see https://github.com/video-dev/hls.js/blob/master/docs/API.md#fifth-step-set-up-error-handling
 */
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
      const h = (hls = new Hls());
      let mediaRecoveries = 0;
      h.on(Hls.Events.MANIFEST_PARSED, () => autoplay(video));
      // A recovery that got media flowing again earns the next error its own recoveries.
      h.on(Hls.Events.FRAG_BUFFERED, () => {
        mediaRecoveries = 0;
      });
      h.on(Hls.Events.ERROR, (_e, data) => {
        if (!data.fatal) return;
        // The browser's own reason (e.g. the DOMException of a failed append) goes with hls.js's code.
        video.dataset['error'] = `${data.type}: ${data.details}${data.error ? ` (${data.error.name}: ${data.error.message})` : ''}`;
        if (data.type === Hls.ErrorTypes.NETWORK_ERROR) h.startLoad();
        else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
          if (mediaRecoveries++ === 1) h.swapAudioCodec();
          if (mediaRecoveries <= 3) h.recoverMediaError();
        }
      });
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
