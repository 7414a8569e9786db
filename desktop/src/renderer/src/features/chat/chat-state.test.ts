import type { ChatMessage, ChatOpenResult } from '@lait/shared';
import { describe, expect, it } from 'vitest';
import { chatReducer, initialChatState, noticesByAnchor, oneLine } from './chat-state';

const msg = (id: string, text = `m${id}`): ChatMessage => ({
  id, channel: 'ch', text, nonce: `n${id}`, createdAt: new Date(0).toISOString(), user: { id: 2, nickname: '보는사람', role: 'viewer' },
});
const opened = (history: ChatMessage[]): ChatOpenResult => ({
  channel: 'ch', history, hasMore: false, viewerCount: 3, role: 'streamer', restriction: null, settings: { slowModeSec: 0, followersOnlyMin: null, filterMode: 'mask' },
});

describe('desktop chat state', () => {
  it('keeps a message on one line: line breaks and tabs become spaces (the server refuses controls)', () => {
    expect(oneLine('이름\t점수\r\n라잇\n100')).toBe('이름 점수 라잇 100');
  });


  it('takes main’s snapshot on open but keeps what arrived after it; deletions and clears apply', () => {
    let s = chatReducer(initialChatState, { type: 'messages', messages: [msg('1'), msg('5')] });
    s = chatReducer(s, { type: 'opened', result: opened([msg('2'), msg('3')]) });
    expect(s.messages.map((m) => m.id)).toEqual(['2', '3', '5']);
    expect(s.role).toBe('streamer');
    s = chatReducer(s, { type: 'deleted', ids: ['3'] });
    expect(s.messages.map((m) => m.id)).toEqual(['2', '5']);
    s = chatReducer(s, { type: 'cleared' });
    expect(s.messages).toEqual([]);
  });

  it('places a notice after the newest message, naming the user from their lines (a ban deletes them next)', () => {
    let s = chatReducer(initialChatState, { type: 'messages', messages: [msg('1'), msg('2')] });
    s = chatReducer(s, { type: 'notice', notice: { channel: 'ch', code: 'USER_BANNED', message: 'User banned', params: { userId: 2 } } });
    s = chatReducer(s, { type: 'deleted', ids: ['1', '2'] });
    expect(s.notices).toEqual([expect.objectContaining({ afterId: '2', nickname: '보는사람' })]);
    s = chatReducer(s, { type: 'notice', notice: { channel: 'ch', code: 'STREAM_ENDED', message: 'The stream has ended' } });
    expect(s.notices.map((n) => [n.notice.code, n.nickname])).toEqual([['USER_BANNED', '보는사람'], ['STREAM_ENDED', null]]);
  });

  it('keeps a notice in place when the message it followed is deleted', () => {
    const line = (key: number, afterId: string | null) => ({ key, afterId, nickname: null, notice: { channel: 'ch', code: 'USER_BANNED' as const, message: '' } });
    const anchors = noticesByAnchor([msg('1'), msg('3')], [line(1, '2'), line(2, null), line(3, '3')]);
    expect(anchors.get('1')?.map((n) => n.key)).toEqual([1]);
    expect(anchors.get(null)?.map((n) => n.key)).toEqual([2]);
    expect(anchors.get('3')?.map((n) => n.key)).toEqual([3]);
  });
});
