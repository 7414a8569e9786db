import type { OverlayLayer } from '@lait/shared';
import type { OverlayChatLine } from '../overlays/chat-overlay';
import type { Scene } from '../scene/scene-layout';
import type { EpochOptions, FromWorker, PipelineFormat, PipelineStats, ToWorker } from './pipeline-protocol';
import { MediaStreamTrackProcessor } from './track-processor';

export type { EpochOptions, PipelineFormat, PipelineStats } from './pipeline-protocol';

/**
 * The page side of the compositor/encoder worker. Created once per preview canvas (a canvas can
 * hand its drawing over to a worker only once).
 */
export function createPipeline(canvas: HTMLCanvasElement, format: PipelineFormat, scene: Scene) {
  const worker = new Worker(new URL('./pipeline.worker.ts', import.meta.url), { type: 'module' });
  const send = (msg: ToWorker, transfer: Transferable[] = []) => worker.postMessage(msg, transfer);
  const offscreen = canvas.transferControlToOffscreen();
  send({ type: 'init', canvas: offscreen, format, scene }, [offscreen]);

  let stats: PipelineStats = { late: 0, dropped: 0, encoded: 0, path: 'none' };
  let onChunk: ((epoch: number, data: Uint8Array) => void) | null = null;
  let onError: ((epoch: number, message: string) => void) | null = null;
  worker.onmessage = (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    if (msg.type === 'stats') stats = msg.stats;
    else if (msg.type === 'chunk') onChunk?.(msg.epoch, msg.data);
    else if (msg.type === 'error') onError?.(msg.epoch, msg.message);
    else console.warn('overlay layers refused by the compositor (schema)');
  };

  const frames = <T extends VideoFrame | AudioData>(track: MediaStreamTrack | null) =>
    track ? (new MediaStreamTrackProcessor<T>({ track }).readable) : null;

  return {
    setFormat: (next: PipelineFormat) => send({ type: 'format', format: next }),
    setScene: (next: Scene) => send({ type: 'scene', scene: next }),
    /** Draw the preview or not (the encoded stream is not affected). */
    setPreview: (enabled: boolean) => send({ type: 'preview', enabled }),
    /** Hands the worker a source's frames; null removes it. */
    setVideo(slot: 'screen' | 'camera', track: MediaStreamTrack | null) {
      const readable = frames<VideoFrame>(track);
      send({ type: 'video-source', slot, frames: readable }, readable ? [readable] : []);
    },
    setAudio(track: MediaStreamTrack | null) {
      const readable = frames<AudioData>(track);
      send({ type: 'audio-source', samples: readable }, readable ? [readable] : []);
    },
    /** Starts a fresh Matroska stream for `options.epoch`; bytes come to `chunk` in order. */
    startEpoch(options: EpochOptions, chunk: (epoch: number, data: Uint8Array) => void, error: (epoch: number, message: string) => void) {
      onChunk = chunk;
      onError = error;
      send({ type: 'start-epoch', options });
    },
    stopEpoch() {
      onChunk = null;
      onError = null;
      send({ type: 'stop-epoch' });
    },
    /** The overlay layers, bottom first (images come separately, decoded). */
    setOverlays: (layers: readonly OverlayLayer[]) => send({ type: 'overlays', layers }),
    setOverlayImage: (id: string, image: ImageBitmap | null) => send({ type: 'overlay-image', id, image }, image ? [image] : []),
    setChatLines: (lines: OverlayChatLine[]) => send({ type: 'chat-lines', lines }),
    stats: () => stats,
    close: () => worker.terminate(),
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;
