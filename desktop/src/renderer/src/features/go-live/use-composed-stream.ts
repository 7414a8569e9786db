import { useEffect, useRef, type RefObject } from 'react';
import { createAudioMix } from '../broadcast/audio-mix';
import { DISPLAY_MEDIA_SOURCE_ID, openCamera, openMic, openScreen, stopStream } from '../sources/capture';
import type { SourceChoice } from '../sources/SourcePicker';
import { createCompositor } from '../scene/compositor';
import type { Scene } from '../scene/scene-layout';

function videoFor(stream: MediaStream | null): HTMLVideoElement | null {
  if (!stream) return null;
  const v = document.createElement('video');
  v.muted = true;
  v.playsInline = true;
  v.srcObject = stream;
  void v.play();
  return v;
}

/**
 * Owns the capture streams, the compositor drawing into `canvasRef` and the audio mix, and
 * exposes the stream that is sent: the canvas's video track plus the mix's audio track.
 * `display` is a getDisplayMedia stream opened by a click (plain browsers need the gesture).
 */
export function useComposedStream(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  choice: SourceChoice,
  scene: Scene,
  fps: number,
  display: MediaStream | null,
) {
  const compositor = useRef<ReturnType<typeof createCompositor> | null>(null);
  const mix = useRef<ReturnType<typeof createAudioMix> | null>(null);
  const output = useRef<MediaStream | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const comp = createCompositor(canvas, fps);
    const audio = createAudioMix();
    compositor.current = comp;
    mix.current = audio;
    return () => {
      comp.close();
      void audio.close();
      output.current?.getVideoTracks().forEach((t) => t.stop());
      output.current = null;
    };
  }, [canvasRef, fps]);

  useEffect(() => compositor.current?.setScene(scene), [scene]);

  useEffect(() => {
    let cancelled = false;
    const opened: MediaStream[] = [];
    const open = async <T,>(id: string | null, fn: (id: string) => Promise<MediaStream>) => {
      if (!id) return null;
      const s = await fn(id).catch(() => null);
      if (s) opened.push(s);
      return s as T | null;
    };
    void (async () => {
      const [screen, camera, mic] = await Promise.all([
        choice.screenId === DISPLAY_MEDIA_SOURCE_ID ? display : open<MediaStream>(choice.screenId, (id) => openScreen(id, fps)),
        open<MediaStream>(choice.cameraId, openCamera),
        open<MediaStream>(choice.micId, openMic),
      ]);
      if (cancelled) return;
      compositor.current?.setSources({ screen: videoFor(screen), camera: videoFor(camera) });
      mix.current?.setMic(mic);
      void mix.current?.resume();
    })();
    return () => {
      cancelled = true;
      opened.forEach(stopStream);
      compositor.current?.setSources({ screen: null, camera: null });
      mix.current?.setMic(null);
    };
  }, [choice.screenId, choice.cameraId, choice.micId, fps, display]);

  /**
   * The stream to send, created on demand: a canvas capture costs about half a core at 720p in
   * software (measured, docs/desktop.md) even when nothing consumes it, so it exists only while
   * broadcasting and {@link release} stops it.
   */
  const getStream = () => {
    const canvas = canvasRef.current;
    if (!output.current && canvas) {
      const tracks = [...canvas.captureStream(fps).getVideoTracks()];
      const audioTrack = mix.current?.track();
      if (audioTrack) tracks.push(audioTrack);
      output.current = new MediaStream(tracks);
    }
    return output.current;
  };
  // Only the canvas track is stopped: the mix's audio track lives as long as the mix.
  const release = () => {
    output.current?.getVideoTracks().forEach((t) => t.stop());
    output.current = null;
  };
  return { getStream, release, lateFrames: () => compositor.current?.lateFrames() ?? 0 };
}
