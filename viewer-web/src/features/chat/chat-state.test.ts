import { describe, expect, it } from 'vitest';
import { chatReducer, initialChatState, selectEntries } from './chat-state';
import { joinResult, makeMessage } from './fake-chat-socket';

describe('chat state', () => {
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
