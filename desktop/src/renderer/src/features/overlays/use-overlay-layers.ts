import type { OverlayLayer, Settings } from '@lait/shared';
import { useCallback, useEffect, useRef, useState } from 'react';

/** Edits are saved this long after the last one: typing a text layer should not rewrite the settings file per key. */
const SAVE_DELAY_MS = 400;

/**
 * The overlay layers being edited. The compositor follows every edit at once; the settings (main
 * persists them) get the layers after a pause in editing, and on unmount.
 */
export function useOverlayLayers(saved: readonly OverlayLayer[], save: (patch: Partial<Settings>) => void) {
  const [layers, setLayers] = useState<readonly OverlayLayer[]>(saved);
  const pending = useRef<OverlayLayer[] | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saveRef = useRef(save);
  saveRef.current = save;

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (pending.current) saveRef.current({ overlays: pending.current });
    pending.current = null;
  }, []);
  useEffect(() => flush, [flush]);

  const change = useCallback((next: OverlayLayer[]) => {
    setLayers(next);
    pending.current = next;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_DELAY_MS);
  }, [flush]);
  return { layers, change };
}
