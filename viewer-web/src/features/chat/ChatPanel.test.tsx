import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatJoinResult, ErrorCode } from '@lait/shared';
import { ME, renderChat, stubLayout } from './chat-test-kit';
import { joinResult, makeMessage, type FakeChatSocket } from './fake-chat-socket';

const ids = () => screen.queryAllByTestId('chat-message').map((el) => el.dataset['id']);
const status = () => screen.getByTestId('chat-status').dataset['state'];

async function connect(socket: FakeChatSocket, join: Partial<ChatJoinResult> = {}) {
  socket.answers.set('chat:join', () => ({ ok: true, data: joinResult(join) }));
  await act(async () => socket.open());
}

describe('chat panel', () => {
  let restoreLayout: () => void;
  beforeEach(() => {
    restoreLayout = stubLayout();
  });
  afterEach(() => restoreLayout());

  it('does not send on Enter while a Hangul syllable is being composed, and sends the finished text after compositionend', async () => {
    const { socket } = renderChat();
    await connect(socket());
    const input = screen.getByTestId('chat-input') as HTMLTextAreaElement;

    fireEvent.compositionStart(input);
    fireEvent.change(input, { target: { value: '안녕하' } });
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 229, isComposing: true });
    fireEvent.change(input, { target: { value: '안녕하세' } });
    expect(socket().sent('chat:send')).toHaveLength(0);

    fireEvent.change(input, { target: { value: '안녕하세요' } });
    fireEvent.compositionEnd(input);
    await waitFor(() => expect(socket().sent('chat:send')).toHaveLength(1));
    expect(socket().sent('chat:send')[0]!.payload).toMatchObject({ channel: 'alpha', text: '안녕하세요' });
    expect(input.value).toBe('');
  });

  it('ignores an Enter with keyCode 229 (engines without isComposing) and sends on a plain Enter', async () => {
    const { socket } = renderChat();
    await connect(socket());
    const input = screen.getByTestId('chat-input');
    fireEvent.change(input, { target: { value: '가나다' } });
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 229 });
    expect(socket().sent('chat:send')).toHaveLength(0);
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 });
    await waitFor(() => expect(socket().sent('chat:send')).toHaveLength(1));
  });

  it('turns pasted tabs and line breaks into spaces, since the server refuses control characters', async () => {
    const { socket } = renderChat();
    await connect(socket());
    const input = screen.getByTestId('chat-input') as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: '이름\t점수\r\n라잇\t100' } });
    expect(input.value).toBe('이름 점수 라잇 100');
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 });
    await waitFor(() => expect(socket().sent('chat:send')).toHaveLength(1));
    expect(socket().sent('chat:send')[0]!.payload).toMatchObject({ text: '이름 점수 라잇 100' });
  });

  it('renders a batched chat:messages frame in numeric id order', async () => {
    const { socket } = renderChat();
    await connect(socket(), { history: [makeMessage(9)] });
    act(() => socket().push('chat:messages', [makeMessage(100), makeMessage(10), makeMessage(99)]));
    expect(ids()).toEqual(['9', '10', '99', '100']);
    expect(screen.getAllByTestId('chat-message')[0]!.dataset['userId']).toBe('7');
  });

  it('shows the reconnecting state, re-joins with sinceId = the last id, and merges without duplicates', async () => {
    const { socket } = renderChat();
    await connect(socket(), { history: [makeMessage(1), makeMessage(2), makeMessage(3)] });
    expect(status()).toBe('connected');

    act(() => socket().drop());
    expect(status()).toBe('reconnecting');
    expect(document.querySelector('.chat-banner')?.textContent).toBe('다시 연결하는 중…');

    socket().answers.set('chat:join', () => ({ ok: true, data: joinResult({ history: [makeMessage(3), makeMessage(4), makeMessage(5)] }) }));
    await act(async () => socket().open());
    expect(socket().sent('chat:join').at(-1)!.payload).toEqual({ channel: 'alpha', sinceId: '3' });
    act(() => socket().push('chat:messages', [makeMessage(5), makeMessage(6)]));
    expect(ids()).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(status()).toBe('connected');
  });

  it('fetches older history with chat:history when the reader scrolls to the top, and stops when there is none', async () => {
    const { socket } = renderChat();
    const page = Array.from({ length: 40 }, (_, i) => makeMessage(101 + i));
    await connect(socket(), { history: page, hasMore: true });
    socket().answers.set('chat:history', () => ({ ok: true, data: { messages: [makeMessage(98), makeMessage(99), makeMessage(100)], hasMore: false } }));
    const list = screen.getByTestId('chat-list');
    await act(async () => {
      list.scrollTop = 0;
      fireEvent.scroll(list);
    });
    expect(socket().sent('chat:history').map((e) => e.payload)).toEqual([{ channel: 'alpha', beforeId: '101' }]);
    await waitFor(() => expect(ids()).toContain('98'));
    // What the reader was looking at stays in place: the list did not jump to the new top.
    expect(list.scrollTop).toBeGreaterThan(0);
    await act(async () => {
      list.scrollTop = 0;
      fireEvent.scroll(list);
    });
    expect(socket().sent('chat:history')).toHaveLength(1);
  });

  it('shows the pending message, then the acknowledged one; resends the same nonce after an ack timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const { socket } = renderChat();
    await connect(socket());
    fireEvent.change(screen.getByTestId('chat-input'), { target: { value: '첫 메시지' } });
    fireEvent.click(screen.getByTestId('chat-send'));
    await act(async () => {});
    expect(screen.getByTestId('chat-pending').textContent).toContain('첫 메시지');

    await act(() => vi.advanceTimersByTimeAsync(5_000));
    const sends = socket().sent('chat:send');
    expect(sends).toHaveLength(2);
    expect(sends[1]!.payload['nonce']).toBe(sends[0]!.payload['nonce']);

    const nonce = String(sends[0]!.payload['nonce']);
    act(() => socket().push('chat:messages', [makeMessage(41, { user: { id: ME.id, nickname: ME.nickname, role: 'viewer' }, text: '첫 메시지', nonce })]));
    await act(async () => sends[1]!.ack({ ok: true, data: { id: '41', text: '첫 메시지' } }));
    expect(screen.queryByTestId('chat-pending')).toBeNull();
    expect(ids()).toEqual(['41']);
  });

  it.each<[{ code: ErrorCode; retryAfterSec?: number }, string]>([
    [{ code: 'CHAT_SLOW_MODE', retryAfterSec: 7 }, '슬로우 모드예요. 7초 후에 다시 보낼 수 있어요'],
    [{ code: 'CHAT_FOLLOWERS_ONLY' }, '팔로워 전용 채팅이에요. 채널을 팔로우하고 참여하세요'],
    [{ code: 'CHAT_RATE_LIMITED', retryAfterSec: 2 }, '메시지를 너무 빨리 보내고 있어요'],
    [{ code: 'CHAT_TOO_LONG' }, '메시지는 500자까지 보낼 수 있어요'],
    [{ code: 'CHAT_FILTERED' }, '허용하지 않는 단어가 있어서 보내지 않았어요'],
    [{ code: 'CHAT_AUTH_REQUIRED' }, '로그인하고 채팅에 참여하세요'],
  ])('explains the refusal %o in Korean and gives the text back', async (error, text) => {
    const { socket } = renderChat();
    await connect(socket());
    socket().answers.set('chat:send', () => ({ ok: false, error: { message: 'server text', ...error } }));
    const input = screen.getByTestId('chat-input') as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: '안녕' } });
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.getByTestId('chat-error').textContent).toContain(text));
    expect(screen.queryByTestId('chat-pending')).toBeNull();
    expect(input.value).toBe('안녕');
  });

  it.each<[{ code: ErrorCode; retryAfterSec?: number }, string, string]>([
    [{ code: 'CHAT_BANNED' }, '이 채널에서 채팅이 금지됐어요', 'banned'],
    [{ code: 'CHAT_TIMED_OUT', retryAfterSec: 540 }, '채팅이 제한됐어요. 9분 후에 다시 참여할 수 있어요', 'timedOut'],
  ])('explains the refusal %o and locks the box (banned or timed out from elsewhere)', async (error, text, kind) => {
    const { socket } = renderChat();
    await connect(socket());
    socket().answers.set('chat:send', () => ({ ok: false, error: { message: 'server text', ...error } }));
    const input = screen.getByTestId('chat-input') as HTMLTextAreaElement;
    fireEvent.change(input, { target: { value: '안녕' } });
    fireEvent.keyDown(input, { key: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.getByTestId('chat-error').textContent).toContain(text));
    expect(screen.getByTestId('chat-restricted').dataset['kind']).toBe(kind);
    expect((screen.getByTestId('chat-input') as HTMLTextAreaElement).disabled).toBe(true);
  });

  it('offers a signed-out reader a way to log in instead of a box, and reads as readonly', async () => {
    const { socket } = renderChat({ user: null });
    await connect(socket(), { role: null });
    expect(status()).toBe('readonly');
    expect(screen.queryByTestId('chat-input')).toBeNull();
    const login = screen.getByTestId('chat-login');
    expect(login.textContent).toBe('로그인하고 채팅하기');
    expect(login.getAttribute('href')).toBe(`/login?next=${encodeURIComponent('/c/alpha')}`);
  });

  it('shows a banned viewer a disabled box with the reason from the join, before they type', async () => {
    const { socket } = renderChat();
    await connect(socket(), { restriction: { kind: 'banned' } });
    expect((screen.getByTestId('chat-input') as HTMLTextAreaElement).disabled).toBe(true);
    expect(screen.getByTestId('chat-restricted').textContent).toBe('이 채널에서 채팅이 금지되어 메시지를 보낼 수 없어요');
    expect(screen.queryByTestId('chat-send')).toBeNull();
  });

  it('counts a timeout down and opens the box again when it ends', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const { socket } = renderChat();
      await connect(socket(), { restriction: { kind: 'timedOut', until: new Date(Date.now() + 65_000).toISOString() } });
      expect(screen.getByTestId('chat-restricted').textContent).toMatch(/2분 후에 다시 보낼 수 있어요$/);
      await act(async () => vi.advanceTimersByTimeAsync(66_000));
      expect(screen.queryByTestId('chat-restricted')).toBeNull();
      expect((screen.getByTestId('chat-input') as HTMLTextAreaElement).disabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('disables the box when the viewer is banned while watching, and frees it when unbanned', async () => {
    const { socket } = renderChat();
    await connect(socket());
    act(() => socket().push('chat:notice', { channel: 'alpha', code: 'USER_BANNED', message: 'User banned', params: { userId: ME.id } }));
    await waitFor(() => expect(screen.getByTestId('chat-restricted').dataset['kind']).toBe('banned'));
    act(() => socket().push('chat:notice', { channel: 'alpha', code: 'USER_BANNED', message: 'User banned', params: { userId: ME.id + 1 } }));
    act(() => socket().push('chat:notice', { channel: 'alpha', code: 'USER_UNBANNED', message: 'User unbanned', params: { userId: ME.id } }));
    await waitFor(() => expect(screen.queryByTestId('chat-restricted')).toBeNull());
  });

  it('keeps the reader where they are when scrolled up, and offers a jump to new messages', async () => {
    const { socket } = renderChat();
    await connect(socket(), { history: Array.from({ length: 40 }, (_, i) => makeMessage(i + 1)) });
    const list = screen.getByTestId('chat-list');
    const bottom = () => list.scrollHeight - list.clientHeight;
    expect(list.scrollHeight).toBeGreaterThan(1000);
    expect(list.scrollTop).toBe(bottom());

    list.scrollTop = 100;
    fireEvent.scroll(list);
    act(() => socket().push('chat:messages', [makeMessage(41)]));
    expect(list.scrollTop).toBe(100);
    fireEvent.click(screen.getByTestId('chat-jump'));
    expect(list.scrollTop).toBe(bottom());
    expect(screen.queryByTestId('chat-jump')).toBeNull();

    const before = list.scrollTop;
    act(() => socket().push('chat:messages', [makeMessage(42)]));
    expect(list.scrollTop).toBe(bottom());
    expect(list.scrollTop).toBeGreaterThan(before);
  });

  it('renders notices from their codes in the reader language, with the nickname the list knows', async () => {
    const { socket } = renderChat({ language: 'en' });
    await connect(socket(), { history: [makeMessage(1, { user: { id: 9, nickname: '말썽', role: 'viewer' } })] });
    act(() => socket().push('chat:notice', { channel: 'alpha', code: 'USER_TIMED_OUT', message: 'x', params: { userId: 9, seconds: 600 } }));
    expect(screen.getByTestId('chat-notice').textContent).toBe('말썽 was timed out for 10 min');
    act(() => socket().push('chat:cleared', { channel: 'alpha' }));
    expect(ids()).toEqual([]);
    expect(screen.getByTestId('chat-notice').textContent).toBe('Chat was cleared');
  });

  it('gives moderators a per-message menu: delete, time out for a chosen time, ban after a confirmation', async () => {
    const { socket } = renderChat();
    await connect(socket(), { role: 'moderator', history: [makeMessage(5), makeMessage(6, { user: { id: 2, nickname: '스트리머', role: 'streamer' } })] });
    const [viewerMsg, streamerMsg] = screen.getAllByTestId('chat-message');
    expect(streamerMsg!.textContent).toContain('스트리머');
    fireEvent.click(viewerMsg!.querySelector('[data-testid="chat-message-menu"]')!);
    fireEvent.click(screen.getByTestId('chat-timeout'));
    expect(['60', '600', '3600', '86400'].map((s) => screen.getByTestId(`chat-timeout-${s}`).textContent)).toEqual(['1분 제한', '10분 제한', '1시간 제한', '24시간 제한']);
    fireEvent.click(screen.getByTestId('chat-timeout-60'));
    await act(async () => {});
    expect(socket().sent('chat:timeout')[0]!.payload).toEqual({ channel: 'alpha', userId: 7, seconds: 60 });

    fireEvent.click(viewerMsg!.querySelector('[data-testid="chat-message-menu"]')!);
    fireEvent.click(screen.getByTestId('chat-ban'));
    expect(socket().sent('chat:ban')).toHaveLength(0);
    expect(screen.getByRole('alert').textContent).toContain('채팅에서 금지할까요?');
    fireEvent.click(screen.getByTestId('chat-menu-cancel'));
    expect(screen.getByTestId('chat-ban')).toBeTruthy();
    fireEvent.click(screen.getByTestId('chat-ban'));
    fireEvent.click(screen.getByTestId('chat-ban-confirm'));
    await act(async () => {});
    expect(socket().sent('chat:ban')[0]!.payload).toEqual({ channel: 'alpha', userId: 7 });

    fireEvent.click(streamerMsg!.querySelector('[data-testid="chat-message-menu"]')!);
    expect(screen.queryByTestId('chat-ban')).toBeNull();
    fireEvent.click(screen.getByTestId('chat-delete'));
    await act(async () => {});
    expect(socket().sent('chat:delete')[0]!.payload).toEqual({ channel: 'alpha', messageId: '6' });
    act(() => socket().push('chat:deleted', { channel: 'alpha', ids: ['6'] }));
    expect(screen.getAllByTestId('chat-message')[1]!.textContent).toContain('삭제된 메시지예요');
  });

  it('closes its socket on unmount', async () => {
    const { socket, unmount } = renderChat();
    await connect(socket());
    unmount();
    expect(socket().connected).toBe(false);
    expect(socket().active).toBe(false);
  });
});
