import type { BroadcastError, BroadcastHealth, BroadcastStartArgs, BroadcastStatus } from '@lait/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bridge } from '../../lib/bridge';
import type { CaptureSender } from '../go-live/use-capture-pipeline';
import type { HealthSample } from '../health/health-warnings';
import type { EpochOptions } from '../pipeline/pipeline';
import { pickVideoCodec } from '../pipeline/video-codec';

const IDLE: BroadcastStatus = { state: 'idle', since: 0, epoch: 0, attempt: 0 };
/** Health blocks kept for the warnings (about one a second). */
const HISTORY = 30;

/** Encoder settings for every epoch of one broadcast (the codec is fixed at go-live). */
export type SendSettings = Omit<EpochOptions, 'epoch' | 'codec' | 'constantBitrate'>;

/** Broadcast state from main plus the encoder that feeds it; the UI only calls start/stop/retry. */
export function useBroadcast(bridge: Bridge, sender: CaptureSender) {
  const [status, setStatus] = useState<BroadcastStatus>(IDLE);
  const [samples, setSamples] = useState<HealthSample[]>([]);
  const media = useRef(sender);
  media.current = sender;
  const [error, setError] = useState<Pick<BroadcastError, 'code' | 'message'> | null>(null);
  /** Set while a broadcast fed by the renderer runs: how to encode each new epoch. */
  const sending = useRef<Omit<EpochOptions, 'epoch'> | null>(null);
  const sentEpoch = useRef(-1);

  const startEpoch = useCallback(
    (epoch: number) => {
      const opts = sending.current;
      if (!opts || sentEpoch.current === epoch) return;
      sentEpoch.current = epoch;
      // Writes keep their order: each waits for the one before; a newer epoch makes older bytes moot.
      let queue = Promise.resolve();
      media.current.startEpoch(
        { ...opts, epoch },
        (chunkEpoch, data) => {
          queue = queue.then(async () => {
            if (sentEpoch.current !== chunkEpoch) return;
            await bridge.broadcast.write({ epoch: chunkEpoch, data });
          });
        },
        (_epoch, message) => setError({ code: 'BROADCAST_ENCODER_FAILED', message }),
      );
    },
    [bridge],
  );

  const follow = useCallback((s: BroadcastStatus) => {
    setStatus(s);
    if (s.state === 'live') setError(null);
    if (!sending.current) return;
    // Each ffmpeg run needs a fresh stream (header first, starting on a keyframe).
    if (s.state === 'connecting') startEpoch(s.epoch);
    if (s.state === 'idle') {
      setSamples([]);
      sending.current = null;
      sentEpoch.current = -1;
      media.current.stopEpoch();
    }
  }, [startEpoch]);

  useEffect(() => {
    const offs = [
      bridge.on('broadcast:state', follow),
      bridge.on('broadcast:health', (health: BroadcastHealth) =>
        setSamples((prev) => [...prev.slice(-(HISTORY - 1)), { health, lateFrames: media.current.lateFrames(), droppedFrames: media.current.droppedFrames(), path: media.current.path() }])),
      bridge.on('broadcast:error', (e) => setError(e)),
    ];
    void bridge.broadcast.status().then((ack) => ack.ok && setStatus(ack.data));
    return () => offs.forEach((off) => off());
  }, [bridge, follow]);

  const start = useCallback(
    async (args: BroadcastStartArgs, send: SendSettings) => {
      setError(null);
      if (args.input.kind === 'stream') {
        const { width, height, fps } = args.video;
        const picked = await pickVideoCodec(width, height, fps, send.videoBitsPerSecond);
        if (!picked) {
          setError({ code: 'BROADCAST_ENCODER_UNAVAILABLE', message: 'H.264 encoding is not available in this app build' });
          return;
        }
        sending.current = { ...send, codec: picked.codec, constantBitrate: picked.constant };
      }
      const ack = await bridge.broadcast.start(args);
      if (!ack.ok) {
        sending.current = null;
        setError(ack.error);
        return;
      }
      follow(ack.data);
    },
    [bridge, follow],
  );

  const stop = useCallback(async () => {
    const ack = await bridge.broadcast.stop();
    if (ack.ok) follow(ack.data);
  }, [bridge, follow]);

  const retry = useCallback(() => void bridge.broadcast.retry(), [bridge]);

  return { status, samples, health: samples.at(-1)?.health ?? null, error, start, stop, retry };
}
