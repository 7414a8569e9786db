import type { OverlayLayer } from '@lait/shared';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { createAudioMixer, type AudioMixer } from '../mixer/audio-mixer';
import type { OverlayChatLine } from '../overlays/chat-overlay';
import { useOverlaySync } from '../overlays/use-overlay-sync';
import { createPipeline, type EpochOptions, type Pipeline, type PipelineFormat, type PipelineStats } from '../pipeline/pipeline';
import { pipCameraRect } from '../pipeline/yuv-compose';
import type { Scene } from '../scene/scene-layout';
import { DISPLAY_MEDIA_SOURCE_ID, openCamera, openMic, openScreen, openSystemAudio, stopStream } from '../sources/capture';
import type { SourceChoice } from '../sources/SourcePicker';

/** What the broadcast hook drives: one Matroska stream per ffmpeg run (epoch). */
export interface CaptureSender {
  startEpoch(options: EpochOptions, chunk: (epoch: number, data: Uint8Array) => void, error: (epoch: number, message: string) => void): void;
  stopEpoch(): void;
  lateFrames(): number;
  droppedFrames(): number;
  /** How pictures are being made (shown in the health panel, read by tests). */
  path(): PipelineStats['path'];
}

/**
 * Owns the capture streams, the compositor/encoder worker drawing the preview inside
 * `containerRef`, and the audio mixer. The preview canvas is created here rather than by React:
 * a canvas can hand its drawing to a worker only once, and StrictMode mounts twice.
 * `display` is a getDisplayMedia stream opened by a click (plain browsers need the gesture).
 */
export function useCapturePipeline(
  containerRef: RefObject<HTMLDivElement | null>,
  choice: SourceChoice,
  scene: Scene,
  format: PipelineFormat,
  display: MediaStream | null,
  preview: boolean,
  overlays: { layers: readonly OverlayLayer[]; chat: readonly OverlayChatLine[] },
) {
  const pipeline = useRef<Pipeline | null>(null);
  /** The same pipeline as state, so the overlay sync resends everything to a new one. */
  const [current, setCurrent] = useState<Pipeline | null>(null);
  const [mixer, setMixer] = useState<AudioMixer | null>(null);
  const [mixerRevision, setMixerRevision] = useState(0);
  const [cameraTrack, setCameraTrack] = useState<MediaStreamTrack | null>(null);
  const latest = useRef({ scene, format });
  latest.current = { scene, format };
  /** The camera's size in this scene (see the constraints effect below); read when it opens. */
  const cameraSize = () => {
    const { scene: sc, format: f } = latest.current;
    return sc.kind === 'screen' ? { w: 320, h: 180 } : pipCameraRect(sc, f.width, f.height);
  };

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const canvas = document.createElement('canvas');
    canvas.dataset.testid = 'preview';
    container.append(canvas);
    const p = createPipeline(canvas, latest.current.format, latest.current.scene);
    const m = createAudioMixer();
    pipeline.current = p;
    setCurrent(p);
    setMixer(m);
    p.setAudio(m.track());
    return () => {
      p.close();
      void m.close();
      canvas.remove();
      pipeline.current = null;
      setCurrent(null);
      setMixer(null);
    };
  }, [containerRef]);

  useEffect(() => pipeline.current?.setScene(scene), [scene]);
  useOverlaySync(current, overlays.layers, overlays.chat);
  // The preview costs CPU only when someone can see it: off by choice, or while the window is hidden.
  useEffect(() => {
    const apply = () => pipeline.current?.setPreview(preview && !document.hidden);
    apply();
    document.addEventListener('visibilitychange', apply);
    return () => document.removeEventListener('visibilitychange', apply);
  }, [preview]);
  const { width, height, fps } = format;
  useEffect(() => pipeline.current?.setFormat({ width, height, fps }), [width, height, fps]);

  useEffect(() => {
    if (!mixer) return;
    let cancelled = false;
    const opened: MediaStream[] = [];
    const open = async (id: string | null, fn: (id: string) => Promise<MediaStream | null>) => {
      if (!id) return null;
      const s = await fn(id).catch(() => null);
      if (s) opened.push(s);
      return s;
    };
    void (async () => {
      const fromClick = choice.screenId === DISPLAY_MEDIA_SOURCE_ID;
      const [screen, camera, mic, system] = await Promise.all([
        fromClick ? display : open(choice.screenId, (id) => openScreen(id, { width, height, fps })),
        open(choice.cameraId, (id) => openCamera(id, cameraSize())),
        open(choice.micId, openMic),
        fromClick ? display : open(choice.screenId, openSystemAudio),
      ]);
      if (cancelled) return;
      pipeline.current?.setVideo('screen', screen?.getVideoTracks()[0] ?? null);
      pipeline.current?.setVideo('camera', camera?.getVideoTracks()[0] ?? null);
      setCameraTrack(camera?.getVideoTracks()[0] ?? null);
      mixer.setInput('mic', mic);
      mixer.setInput('system', system);
      setMixerRevision((n) => n + 1);
      void mixer.resume();
    })();
    return () => {
      cancelled = true;
      opened.forEach(stopStream);
      pipeline.current?.setVideo('screen', null);
      pipeline.current?.setVideo('camera', null);
      setCameraTrack(null);
      mixer.setInput('mic', null);
      mixer.setInput('system', null);
    };
  }, [mixer, choice.screenId, choice.cameraId, choice.micId, width, height, fps, display]);

  // The camera is asked for at the size it is shown (the capturer crops and scales), so its
  // frames paste into the picture without any scaling; hidden, it is kept small.
  const { kind, corner, pipSize } = scene;
  useEffect(() => {
    if (!cameraTrack) return;
    const at = cameraSize();
    void cameraTrack.applyConstraints({ width: { ideal: at.w }, height: { ideal: at.h }, resizeMode: 'crop-and-scale' } as MediaTrackConstraints).catch(() => {});
  }, [cameraTrack, kind, corner, pipSize, width, height]);

  const sender: CaptureSender = {
    startEpoch: useCallback<CaptureSender['startEpoch']>((o, chunk, error) => pipeline.current?.startEpoch(o, chunk, error), []),
    stopEpoch: useCallback(() => pipeline.current?.stopEpoch(), []),
    lateFrames: useCallback(() => pipeline.current?.stats().late ?? 0, []),
    droppedFrames: useCallback(() => pipeline.current?.stats().dropped ?? 0, []),
    path: useCallback(() => pipeline.current?.stats().path ?? 'none', []),
  };
  return { sender, mixer, mixerRevision };
}
