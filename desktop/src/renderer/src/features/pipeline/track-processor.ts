/**
 * `MediaStreamTrackProcessor` (Chromium's insertable streams: a track as a stream of
 * VideoFrame/AudioData) is not in TypeScript's DOM library yet.
 * @see https://w3c.github.io/mediacapture-transform/
 */
interface TrackProcessor<T> {
  readonly readable: ReadableStream<T>;
}
interface TrackProcessorConstructor {
  new <T extends VideoFrame | AudioData>(init: { track: MediaStreamTrack; maxBufferSize?: number }): TrackProcessor<T>;
}

export const MediaStreamTrackProcessor = (globalThis as unknown as { MediaStreamTrackProcessor: TrackProcessorConstructor }).MediaStreamTrackProcessor;

/** Whether this browser can run the worker pipeline at all. */
export const pipelineSupported = (): boolean =>
  typeof MediaStreamTrackProcessor === 'function' && typeof OffscreenCanvas === 'function' && typeof VideoEncoder === 'function';
