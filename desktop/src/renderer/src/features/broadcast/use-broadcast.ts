import type { BroadcastError, BroadcastHealth, BroadcastStartArgs, BroadcastStatus } from '@lait/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bridge } from '../../lib/bridge';
import type { HealthSample } from '../health/health-warnings';
import { createMediaSender, type SenderOptions } from './media-sender';

const IDLE: BroadcastStatus = { state: 'idle', since: 0, epoch: 0, attempt: 0 };
/** Health blocks kept for the warnings (about one a second). */
const HISTORY = 30;

/** Broadcast state from main plus the sender that feeds it; the UI only calls start/stop/retry. */
export function useBroadcast(
  bridge: Bridge,
  stream: { getStream: () => MediaStream | null; release: () => void; lateFrames: () => number },
) {
  const [status, setStatus] = useState<BroadcastStatus>(IDLE);
  const [samples, setSamples] = useState<HealthSample[]>([]);
  const media = useRef(stream);
  media.current = stream;
  const [error, setError] = useState<Pick<BroadcastError, 'code' | 'message'> | null>(null);
  const sender = useRef<ReturnType<typeof createMediaSender> | null>(null);

  const follow = useCallback((s: BroadcastStatus) => {
    setStatus(s);
    if (s.state === 'live') setError(null);
    const snd = sender.current;
    if (!snd) return;
    if (s.state === 'connecting') snd.startEpoch(s.epoch);
    if (s.state === 'idle') {
      setSamples([]);
      snd.stop();
      sender.current = null;
      media.current.release();
    }
  }, []);

  useEffect(() => {
    const offs = [
      bridge.on('broadcast:state', follow),
      bridge.on('broadcast:health', (health: BroadcastHealth) =>
        setSamples((prev) => [...prev.slice(-(HISTORY - 1)), { health, lateFrames: media.current.lateFrames() }])),
      bridge.on('broadcast:error', (e) => setError(e)),
    ];
    void bridge.broadcast.status().then((ack) => ack.ok && setStatus(ack.data));
    return () => offs.forEach((off) => off());
  }, [bridge, follow]);

  const start = useCallback(
    async (args: BroadcastStartArgs, send: SenderOptions) => {
      setError(null);
      if (args.input.kind === 'stream') {
        const out = media.current.getStream();
        if (!out) return;
        sender.current = createMediaSender(bridge, out, send);
      }
      const ack = await bridge.broadcast.start(args);
      if (!ack.ok) {
        sender.current = null;
        media.current.release();
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
