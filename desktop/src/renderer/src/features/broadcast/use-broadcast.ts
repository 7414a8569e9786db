import type { BroadcastError, BroadcastHealth, BroadcastStartArgs, BroadcastStatus } from '@lait/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Bridge } from '../../lib/bridge';
import { createMediaSender, type SenderOptions } from './media-sender';

const IDLE: BroadcastStatus = { state: 'idle', since: 0, epoch: 0, attempt: 0 };

/** Broadcast state from main plus the sender that feeds it; the UI only calls start/stop/retry. */
export function useBroadcast(bridge: Bridge, getStream: () => MediaStream | null) {
  const [status, setStatus] = useState<BroadcastStatus>(IDLE);
  const [health, setHealth] = useState<BroadcastHealth | null>(null);
  const [error, setError] = useState<Pick<BroadcastError, 'code' | 'message'> | null>(null);
  const sender = useRef<ReturnType<typeof createMediaSender> | null>(null);

  const follow = useCallback((s: BroadcastStatus) => {
    setStatus(s);
    const snd = sender.current;
    if (!snd) return;
    if (s.state === 'connecting') snd.startEpoch(s.epoch);
    if (s.state === 'idle') {
      snd.stop();
      sender.current = null;
    }
  }, []);

  useEffect(() => {
    const offs = [
      bridge.on('broadcast:state', follow),
      bridge.on('broadcast:health', setHealth),
      bridge.on('broadcast:error', (e) => setError(e)),
    ];
    void bridge.broadcast.status().then((ack) => ack.ok && setStatus(ack.data));
    return () => offs.forEach((off) => off());
  }, [bridge, follow]);

  const start = useCallback(
    async (args: BroadcastStartArgs, send: SenderOptions) => {
      setError(null);
      const stream = getStream();
      if (args.input.kind === 'stream') {
        if (!stream) return;
        sender.current = createMediaSender(bridge, stream, send);
      }
      const ack = await bridge.broadcast.start(args);
      if (!ack.ok) {
        sender.current = null;
        setError(ack.error);
        return;
      }
      follow(ack.data);
    },
    [bridge, follow, getStream],
  );

  const stop = useCallback(async () => {
    const ack = await bridge.broadcast.stop();
    if (ack.ok) follow(ack.data);
  }, [bridge, follow]);

  const retry = useCallback(() => void bridge.broadcast.retry(), [bridge]);

  return { status, health, error, start, stop, retry };
}
