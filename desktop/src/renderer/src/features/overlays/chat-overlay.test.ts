import type { ChatMessage } from '@lait/shared';
import { describe, expect, it } from 'vitest';
import { CHAT_FADE_AFTER_MS, CHAT_FADE_MS, CHAT_FADE_STEP_MS, nextChatChange, selectChatLines, toOverlayLines, type OverlayChatLine } from './chat-overlay';

const now = 1_000_000;
const line = (id: number, ageMs: number): OverlayChatLine => ({ id: String(id), nickname: `시청자${id}`, text: `메시지 ${id}`, at: now - ageMs });

describe('chat overlay', () => {
  it('shows the newest messages, oldest first, up to the layer\'s count', () => {
    const lines = [line(1, 5000), line(2, 4000), line(3, 3000), line(4, 2000)];
    expect(selectChatLines(lines, now, 3).map((l) => l.id)).toEqual(['2', '3', '4']);
  });

  it('keeps a message fully visible for 30 s, fades it over the next 5 s, then drops it', () => {
    const lines = [line(1, CHAT_FADE_AFTER_MS + CHAT_FADE_MS + 1), line(2, CHAT_FADE_AFTER_MS + CHAT_FADE_MS / 2), line(3, CHAT_FADE_AFTER_MS), line(4, 0)];
    const shown = selectChatLines(lines, now, 10);
    expect(shown.map((l) => [l.id, l.alpha])).toEqual([['2', 0.5], ['3', 1], ['4', 1]]);
  });

  it('treats a message stamped in the future as new', () => {
    expect(selectChatLines([line(1, -5000)], now, 5)[0]?.alpha).toBe(1);
  });

  it('asks for a redraw when the oldest shown line starts fading, and every step while it fades', () => {
    expect(nextChatChange([line(1, 10_000), line(2, 1000)], now, 5)).toBe(20_000);
    expect(nextChatChange([line(1, CHAT_FADE_AFTER_MS + 1000)], now, 5)).toBe(CHAT_FADE_STEP_MS);
    expect(nextChatChange([line(1, CHAT_FADE_AFTER_MS + CHAT_FADE_MS)], now, 5)).toBeNull();
    expect(nextChatChange([], now, 5)).toBeNull();
  });

  it('times a message by its creation, but never later than when the app received it', () => {
    const msg = (id: string, createdAt: string): ChatMessage => ({ id, channel: 'c', user: { id: 1, nickname: '방장', role: 'streamer' }, text: '안녕', createdAt, nonce: 'n' });
    const received = Date.parse('2026-01-01T00:00:10Z');
    const lines = toOverlayLines([msg('1', '2026-01-01T00:00:05Z'), msg('2', '2026-01-01T00:01:00Z')], () => received);
    expect(lines.map((l) => [l.nickname, l.at])).toEqual([['방장', Date.parse('2026-01-01T00:00:05Z')], ['방장', received]]);
  });
});
