import { EncodedAudioPacketSource, EncodedPacket, EncodedVideoPacketSource, MkvOutputFormat, Output, StreamTarget } from 'mediabunny';
import type { EpochOptions, PipelineFormat } from './pipeline-protocol';
import { videoEncoderConfig } from './video-codec';

/** Frames allowed to wait in the encoder; beyond that a frame is dropped rather than queued. */
const MAX_ENCODE_QUEUE = 2;
/** Missed frame slots (≈100 ms at 30 fps) filled with the previous picture; beyond, dropped. */
const MAX_FILL = 3;
/** Matroska cluster length: each cluster is written out whole, so this is latency added before ffmpeg. */
const CLUSTER_SEC = 0.2;

export interface EpochEncoder {
  /**
   * Encodes the composed picture for the frame slot of `nowMs` (performance.now). `sent`, or
   * `dropped` (the encoder is behind, or slots were skipped because the tick came late), or
   * `same-slot` (a tick landed in a slot already sent). Unless `changed`, the last picture is
   * sent again without reading the canvas back. A VideoFrame source is wrapped, not copied.
   */
  video(source: OffscreenCanvas | VideoFrame, nowMs: number, changed: boolean): { sent: boolean; dropped: number };
  /** Encodes a buffer of the audio mix. */
  audio(data: AudioData): void;
  close(): Promise<void>;
}

/**
 * One sending epoch: WebCodecs H.264 + Opus, muxed by mediabunny into an append-only Matroska
 * stream (the container ffmpeg reads from stdin). The picture clock is the compositor's frame
 * index, so video is constant-rate by construction and keyframes fall exactly every
 * `keyframeSec`; audio is placed on the same clock by its arrival time, then advanced by its
 * own sample timestamps (sample-accurate, no drift from timer jitter).
 */
export async function createEpochEncoder(
  options: EpochOptions,
  format: PipelineFormat,
  onBytes: (data: Uint8Array) => void,
  onError: (message: string) => void,
): Promise<EpochEncoder> {
  const { fps, width, height } = format;
  const gop = Math.max(1, Math.round(fps * options.keyframeSec));
  const startMs = performance.now();
  let failed = false;
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    onError(err instanceof Error ? err.message : String(err));
  };

  const output = new Output({
    format: new MkvOutputFormat({ appendOnly: true, minimumClusterDuration: CLUSTER_SEC }),
    target: new StreamTarget(new WritableStream({ write: (chunk) => onBytes(chunk.data.slice()) })),
  });
  const videoTrack = new EncodedVideoPacketSource('avc');
  const audioTrack = new EncodedAudioPacketSource('opus');
  output.addVideoTrack(videoTrack, { frameRate: fps });
  output.addAudioTrack(audioTrack);
  await output.start();

  // Packets must reach the muxer in order; each add waits for the one before.
  let videoChain = Promise.resolve();
  let audioChain = Promise.resolve();
  const videoEncoder = new VideoEncoder({
    output: (chunk, meta) => {
      const packet = EncodedPacket.fromEncodedChunk(chunk);
      videoChain = videoChain.then(() => videoTrack.add(packet, meta)).catch(fail);
    },
    error: fail,
  });
  videoEncoder.configure(videoEncoderConfig(options.codec, width, height, fps, options.videoBitsPerSecond, options.constantBitrate));

  let audioEncoder: AudioEncoder | null = null;
  let audioBase: { inputUs: number; outputSec: number } | null = null;
  const openAudio = (data: AudioData) => {
    const enc = new AudioEncoder({
      output: (chunk, meta) => {
        if (!audioBase) return;
        const bytes = new Uint8Array(chunk.byteLength);
        chunk.copyTo(bytes);
        const ts = audioBase.outputSec + (chunk.timestamp - audioBase.inputUs) / 1e6;
        const packet = new EncodedPacket(bytes, 'key', ts, (chunk.duration ?? 20_000) / 1e6);
        audioChain = audioChain.then(() => audioTrack.add(packet, meta)).catch(fail);
      },
      error: fail,
    });
    // Complexity 5 instead of Chromium's 9: Opus is transcoded to AAC by ffmpeg anyway, so the
    // extra quality would not survive, and it halves the audio encoder's CPU.
    enc.configure({
      codec: 'opus', sampleRate: data.sampleRate, numberOfChannels: data.numberOfChannels, bitrate: options.audioBitsPerSecond,
      opus: { complexity: 5 },
    } as AudioEncoderConfig);
    // The first samples were captured one buffer before they arrived.
    const arrivedSec = (performance.now() - startMs) / 1000 - data.duration / 1e6;
    audioBase = { inputUs: data.timestamp, outputSec: Math.max(0, arrivedSec) };
    return enc;
  };

  let nextKey = 0;
  let lastIndex = -1;
  const encodeAt = (from: VideoFrame, index: number) => {
    const keyFrame = index >= nextKey;
    if (keyFrame) nextKey = (Math.floor(index / gop) + 1) * gop;
    const frame = new VideoFrame(from, { timestamp: Math.round((index * 1e6) / fps), duration: Math.round(1e6 / fps) });
    videoEncoder.encode(frame, { keyFrame });
    frame.close();
  };
  let picture: VideoFrame | null = null;
  let stale = true;
  return {
    video(source, nowMs, changed) {
      // Remembered across skipped slots: a redraw must reach the next frame that is sent.
      if (changed) stale = true;
      const index = Math.round(((nowMs - startMs) * fps) / 1000);
      if (index <= lastIndex) return { sent: false, dropped: 0 };
      const previous = lastIndex;
      const missed = previous < 0 ? 0 : index - previous - 1;
      lastIndex = index;
      if (failed || videoEncoder.state !== 'configured' || videoEncoder.encodeQueueSize > MAX_ENCODE_QUEUE) {
        return { sent: false, dropped: missed + 1 };
      }
      // A tick that came a slot or two late (a busy moment) leaves a hole: fill it with the
      // previous picture so the stream stays constant-rate, as OBS does for rendering lag.
      // Longer stalls are real drops, counted, rather than a burst of catch-up encodes.
      let dropped = missed;
      if (picture && missed > 0 && missed <= MAX_FILL) {
        for (let slot = previous + 1; slot < index; slot++) encodeAt(picture, slot);
        dropped = 0;
      }
      if (stale || !picture) {
        picture?.close();
        picture = new VideoFrame(source, { timestamp: 0 });
        stale = false;
      }
      encodeAt(picture, index);
      return { sent: true, dropped };
    },
    audio(data) {
      if (failed) return data.close();
      audioEncoder ??= openAudio(data);
      if (audioEncoder.state === 'configured') audioEncoder.encode(data);
      data.close();
    },
    async close() {
      const flush = (enc: VideoEncoder | AudioEncoder | null) => (enc && enc.state === 'configured' ? enc.flush().catch(() => {}) : Promise.resolve());
      await Promise.all([flush(videoEncoder), flush(audioEncoder)]);
      await Promise.all([videoChain, audioChain]);
      videoEncoder.close();
      picture?.close();
      if (audioEncoder?.state !== 'closed') audioEncoder?.close();
      await output.finalize().catch(() => {});
    },
  };
}
