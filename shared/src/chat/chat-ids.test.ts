import { describe, expect, it } from 'vitest';
import { compareIds, maxId, mergeMessages } from './chat-ids.js';
import type { ChatMessage } from './messages.js';

const msg = (id: number | string): ChatMessage => ({
  id: String(id), channel: 'alpha', user: { id: 7, nickname: '시청자', role: 'viewer' }, text: `메시지 ${id}`,
  createdAt: new Date(0).toISOString(), nonce: `nonce-${id}`,
});

describe('chat ids', () => {
  it('orders ids numerically, also past 2^53 and with leading zeros', () => {
    expect(['10', '9', '18446744073709551615', '9007199254740993', '9007199254740992', '011'].sort(compareIds)).toEqual([
      '9', '10', '011', '9007199254740992', '9007199254740993', '18446744073709551615',
    ]);
    expect(maxId(null, '5')).toBe('5');
    expect(maxId('10', '9')).toBe('10');
  });

  it('merges by id without doubling and keeps the newest within the limit', () => {
    const merged = mergeMessages([msg(1), msg(2)], [msg(2), msg(4), msg(3)], 3);
    expect(merged.map((m) => m.id)).toEqual(['2', '3', '4']);
  });

  it('answers the same array when nothing is new, so a render can be skipped', () => {
    const same = [msg(1)];
    expect(mergeMessages(same, [msg(1)], 10)).toBe(same);
    expect(mergeMessages(same, [], 10)).toBe(same);
  });
});
