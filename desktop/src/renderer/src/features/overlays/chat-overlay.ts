import type { ChatMessage } from '@lait/shared';

/** A chat message as the overlay draws it; `at` is when it was written (ms, this machine's clock). */
export interface OverlayChatLine {
  id: string;
  nickname: string;
  text: string;
  at: number;
}

/** A line on the overlay now, with its opacity. */
export interface ShownChatLine extends OverlayChatLine {
  alpha: number;
}

/** A message stays fully visible this long, as streamers expect chat on stream to clear by itself. */
export const CHAT_FADE_AFTER_MS = 30_000;
/** …then fades out over this long. */
export const CHAT_FADE_MS = 5_000;
/** How often the picture is redrawn while a line fades (smooth enough at 10 steps a second). */
export const CHAT_FADE_STEP_MS = 100;

/**
 * The lines to draw at `now`: the newest `max` that have not faded out, oldest first, each with
 * its opacity (1 for 30 s, then down to 0 over 5 s).
 */
export function selectChatLines(lines: readonly OverlayChatLine[], now: number, max: number): ShownChatLine[] {
  const shown: ShownChatLine[] = [];
  for (let i = lines.length - 1; i >= 0 && shown.length < max; i -= 1) {
    const line = lines[i]!;
    const age = Math.max(0, now - line.at);
    if (age >= CHAT_FADE_AFTER_MS + CHAT_FADE_MS) break;
    const alpha = age <= CHAT_FADE_AFTER_MS ? 1 : 1 - (age - CHAT_FADE_AFTER_MS) / CHAT_FADE_MS;
    shown.unshift({ ...line, alpha });
  }
  return shown;
}

/**
 * How long until the overlay looks different without a new message: a fade step while a line
 * fades, otherwise when the oldest shown line starts fading; null when nothing is shown.
 */
export function nextChatChange(lines: readonly OverlayChatLine[], now: number, max: number): number | null {
  const shown = selectChatLines(lines, now, max);
  if (shown.length === 0) return null;
  if (shown.some((l) => l.alpha < 1)) return CHAT_FADE_STEP_MS;
  return Math.max(CHAT_FADE_STEP_MS, Math.min(...shown.map((l) => l.at + CHAT_FADE_AFTER_MS - now)));
}

/**
 * The messages the overlay is sent: the newest 20 (the most a layer shows), each timed by its
 * `createdAt` but never later than when this app received it, so a server clock ahead of this
 * machine does not keep lines on screen longer.
 */
export function toOverlayLines(messages: readonly ChatMessage[], receivedAt: (id: string) => number): OverlayChatLine[] {
  return messages.slice(-20).map((m) => {
    const created = Date.parse(m.createdAt);
    const received = receivedAt(m.id);
    return { id: m.id, nickname: m.user.nickname, text: m.text, at: Number.isFinite(created) ? Math.min(created, received) : received };
  });
}
