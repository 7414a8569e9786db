/** Starts playback; if the browser refuses sound without a gesture, retries muted. */
export function autoplay(video: HTMLVideoElement): void {
  void Promise.resolve(video.play()).catch((err: unknown) => {
    if (err instanceof DOMException && err.name === 'NotAllowedError' && !video.muted) {
      video.muted = true;
      void Promise.resolve(video.play()).catch(() => undefined);
    }
  });
}
