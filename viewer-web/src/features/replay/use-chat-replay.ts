import { useEffect, useRef, useState } from 'react';
import type { ReplayMessage } from '@lait/shared';
import { useApi } from '../../lib/api-context';

/** Chat is fetched a minute at a time, as playback reaches it (seeking loads the window it lands in). */
export const CHAT_WINDOW_SEC = 60;
/** How many past lines the replay keeps on screen. */
const VISIBLE = 100;

/** A window whose load failed is asked again after this long, up to MAX_TRIES times. */
const RETRY_MS = 2000;
const MAX_TRIES = 10;

/** Messages sent up to `positionSec` into the broadcast, as a viewer would have seen them then. */
export function useChatReplay(videoId: string, positionSec: number): ReplayMessage[] {
  const api = useApi();
  const windows = useRef(new Map<number, ReplayMessage[] | 'loading'>());
  const tries = useRef(new Map<number, number>());
  const [, setLoaded] = useState(0);
  // Bumped to load again a window whose request failed or was cut short by a re-render.
  const [attempt, setAttempt] = useState(0);
  const current = Math.floor(Math.max(0, positionSec) / CHAT_WINDOW_SEC);

  useEffect(() => {
    const ctrl = new AbortController();
    // The previous window too, so the lines just before a seek target are there.
    for (const w of [current - 1, current]) {
      if (w < 0 || windows.current.has(w)) continue;
      windows.current.set(w, 'loading');
      api.getVideoChat(videoId, w * CHAT_WINDOW_SEC, (w + 1) * CHAT_WINDOW_SEC, ctrl.signal).then(
        ({ messages }) => {
          // Windows share their edge second: keep each message in the window it starts in.
          windows.current.set(w, messages.filter((m) => Math.floor(m.offsetSec / CHAT_WINDOW_SEC) === w));
          setLoaded((n) => n + 1);
        },
        () => {
          windows.current.delete(w);
          // Cut short by a re-render: load it again at once. Failed (a busy server): again shortly.
          const n = (tries.current.get(w) ?? 0) + 1;
          tries.current.set(w, n);
          // The timer outlives this run on purpose: the next run is the one that loads the window again.
          if (n <= MAX_TRIES) setTimeout(() => setAttempt((a) => a + 1), ctrl.signal.aborted ? 0 : RETRY_MS);
        },
      );
    }
    return () => ctrl.abort();
  }, [api, videoId, current, attempt]);

  const shown: ReplayMessage[] = [];
  for (const w of [current - 1, current]) {
    const list = windows.current.get(w);
    if (Array.isArray(list)) shown.push(...list.filter((m) => m.offsetSec <= positionSec));
  }
  return shown.slice(-VISIBLE);
}
