import { describe, expect, it } from 'vitest';
import { compareIds, mergeMessages } from './chat-ids';
import { chatReducer, initialChatState, selectEntries } from './chat-state';
import { joinResult, makeMessage } from './fake-chat-socket';

describe('chat state', () => {
  it('orders ids numerically, also past 2^53', () => {
    expect(['10', '9', '18446744073709551615', '9007199254740993', '9007199254740992'].sort(compareIds)).toEqual([
      '9', '10', '9007199254740992', '9007199254740993', '18446744073709551615',
    ]);
  });

  it('merges by id without doubling and keeps the newest within the limit', () => {
    const merged = mergeMessages([makeMessage(1), makeMessage(2)], [makeMessage(2), makeMessage(4), makeMessage(3)], 3);
    expect(merged.map((m) => m.id)).toEqual(['2', '3', '4']);
    const same = [makeMessage(1)];
    expect(mergeMessages(same, [makeMessage(1)], 10)).toBe(same);
  });

  it('places a notice after the message it followed and keeps lastId through a clear', () => {
    let s = chatReducer(initialChatState(), { type: 'joined', result: joinResult({ history: [makeMessage(1)] }) });
    s = chatReducer(s, { type: 'notice', notice: { code: 'USER_BANNED', message: '', params: { userId: 7 } } });
    s = chatReducer(s, { type: 'messages', messages: [makeMessage(2)] });
    expect(selectEntries(s).map((e) => e.key)).toEqual(['m1', 'n1', 'm2']);
    expect(s.notices[0]!.params['nickname']).toBe('시청자');
    s = chatReducer(s, { type: 'cleared' });
    expect(selectEntries(s).map((e) => e.key)).toEqual(['n2']);
    expect(s.lastId).toBe('2');
  });

  it('announces slow mode and followers-only changes, once', () => {
    let s = chatReducer(initialChatState(), { type: 'joined', result: joinResult() });
    const on = { slowModeSec: 30, followersOnlyMin: 10, filterMode: 'mask' as const };
    s = chatReducer(s, { type: 'settings', settings: on });
    s = chatReducer(s, { type: 'settings', settings: on });
    expect(s.notices.map((n) => n.code)).toEqual(['SLOW_MODE_ON', 'FOLLOWERS_ONLY_ON']);
  });
});
