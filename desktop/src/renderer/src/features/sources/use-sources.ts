import type { CaptureSource } from '@lait/shared';
import { useCallback, useEffect, useState } from 'react';
import type { Bridge } from '../../lib/bridge';
import { DISPLAY_MEDIA_SOURCE_ID } from './capture';

export interface DeviceOption {
  id: string;
  label: string;
}

/** Screens/windows from main, cameras and microphones from the browser. */
export function useSources(bridge: Bridge) {
  const [screens, setScreens] = useState<CaptureSource[]>([]);
  const [cameras, setCameras] = useState<DeviceOption[]>([]);
  const [mics, setMics] = useState<DeviceOption[]>([]);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    // Thumbnails to choose from (desktopCapturer draws them; 240 px is enough to recognise a window).
    const ack = await bridge.sources.list({ kinds: ['screen', 'window'], thumbnailWidth: 240 });
    const fallback: CaptureSource = { id: DISPLAY_MEDIA_SOURCE_ID, name: 'Display', kind: 'screen' };
    setScreens(ack.ok && ack.data.length > 0 ? ack.data : [fallback]);
    if (!ack.ok) setError(ack.error.message);
    // Labels are empty until a permission was granted once; ask for it, then list.
    const probe = await navigator.mediaDevices.getUserMedia({ audio: true, video: true }).catch(() => null);
    probe?.getTracks().forEach((t) => t.stop());
    const devices = await navigator.mediaDevices.enumerateDevices();
    const pick = (kind: MediaDeviceKind) =>
      devices.filter((d) => d.kind === kind).map((d, i) => ({ id: d.deviceId, label: d.label || `${kind} ${i + 1}` }));
    setCameras(pick('videoinput'));
    setMics(pick('audioinput'));
  }, [bridge]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { screens, cameras, mics, error, refresh };
}
