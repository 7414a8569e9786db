import type { HardwareEncoder } from '@lait/shared';
import { useEffect, useState } from 'react';
import type { Bridge } from '../../lib/bridge';

/** ffmpeg's hardware encoders main found working (probed once per app run). */
export function useHardwareEncoders(bridge: Bridge): HardwareEncoder[] {
  const [hardware, setHardware] = useState<HardwareEncoder[]>([]);
  useEffect(() => {
    let live = true;
    void bridge.setup.encoders().then((ack) => live && ack.ok && setHardware(ack.data.hardware));
    return () => {
      live = false;
    };
  }, [bridge]);
  return hardware;
}
