import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** The part of a scrolling element the hook reads and writes (shared has no DOM types). */
export interface ScrollBox {
  scrollTop: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
}

/** How close to the bottom (px) still counts as reading the newest messages. */
export const BOTTOM_SLACK_PX = 48;

/**
 * Keeps a scroll container pinned to its end while the reader is there, and stops when they
 * scroll up to read: then `hasNew` tells that something arrived below.
 */
export function useStickToBottom(ref: RefObject<ScrollBox | null>, lastKey: string | undefined, contentSize: number) {
  const stuck = useRef(true);
  const seenKey = useRef(lastKey);
  const [atBottom, setAtBottom] = useState(true);
  const [hasNew, setHasNew] = useState(false);

  useLayoutEffect(() => {
    const el = ref.current;
    const changed = lastKey !== seenKey.current;
    seenKey.current = lastKey;
    if (!el) return;
    if (stuck.current) el.scrollTop = el.scrollHeight;
    else if (changed) setHasNew(true);
  }, [ref, lastKey, contentSize]);

  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight <= BOTTOM_SLACK_PX;
    stuck.current = bottom;
    setAtBottom(bottom);
    if (bottom) setHasNew(false);
  }, [ref]);

  const jumpToBottom = useCallback(() => {
    stuck.current = true;
    setAtBottom(true);
    setHasNew(false);
    const el = ref.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [ref]);

  return { atBottom, hasNew, onScroll, jumpToBottom };
}
