import { useEffect, useRef, type RefObject } from 'react';

export interface PlayerKeyActions {
  togglePlay(): void;
  toggleMute(): void;
  toggleFullscreen(): void;
  toggleTheatre?: (() => void) | undefined;
  togglePip(): void;
  stepVolume(delta: number): void;
}

/** Typing in chat (or any field) must never drive the player. */
function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return target.type !== 'range';
  return target.isContentEditable || ['TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Twitch's player shortcuts, page-wide while the player is on screen: space or k play/pause,
 * m mute, f fullscreen, t theatre mode, i picture-in-picture; ↑/↓ volume only with focus in the
 * player, so the arrows still scroll the page and the chat.
 */
export function usePlayerKeys(containerRef: RefObject<HTMLElement | null>, actions: PlayerKeyActions): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target)) return;
      // Space on a focused button presses that button; leave it be.
      if (e.key === ' ' && e.target instanceof HTMLButtonElement) return;
      const inPlayer = e.target instanceof Node && containerRef.current?.contains(e.target) === true;
      const onSlider = e.target instanceof HTMLInputElement && e.target.type === 'range';
      const a = ref.current;
      const run: Record<string, (() => void) | undefined> = {
        ' ': a.togglePlay,
        k: a.togglePlay,
        m: a.toggleMute,
        f: a.toggleFullscreen,
        t: a.toggleTheatre,
        i: a.togglePip,
        ...(inPlayer && !onSlider ? { ArrowUp: () => a.stepVolume(0.1), ArrowDown: () => a.stepVolume(-0.1) } : {}),
      };
      const action = run[e.key.length === 1 ? e.key.toLowerCase() : e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [containerRef]);
}
