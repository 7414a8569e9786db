import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../../test/fixtures';
import { renderChat, stubLayout } from './chat-test-kit';
import { joinResult, makeMessage } from './fake-chat-socket';

describe('chat user card', () => {
  let restoreLayout: () => void;
  beforeEach(() => {
    restoreLayout = stubLayout();
  });
  afterEach(() => restoreLayout());

  it('opens from a nickname with follow date and recent messages, and times out for 1 h or bans after confirming', async () => {
    const fetch = stubApi((url) => jsonResponse({ followedAt: url.endsWith('/followers/7') ? '2026-03-01T09:00:00.000Z' : null }));
    const { socket } = renderChat();
    socket().answers.set('chat:join', () => ({
      ok: true,
      data: joinResult({ role: 'moderator', history: [makeMessage(1), makeMessage(2, { user: { id: 8, nickname: '다른이', role: 'viewer' } }), makeMessage(3)] }),
    }));
    await act(async () => socket().open());

    fireEvent.click(screen.getAllByTestId('chat-nick')[0]!);
    const card = screen.getByTestId('chat-user-card');
    expect(card.textContent).toContain('시청자');
    expect(within(card).getByTestId('chat-card-recent').textContent).toBe('메시지 1메시지 3');
    await waitFor(() => expect(within(card).getByTestId('chat-card-follow').textContent).toMatch(/2026.*부터 팔로우/));
    expect(fetch).toHaveBeenCalledWith('/api/channels/alpha/followers/7', expect.anything());

    fireEvent.click(within(card).getByTestId('chat-card-timeout-3600'));
    await act(async () => {});
    expect(socket().sent('chat:timeout')[0]!.payload).toEqual({ channel: 'alpha', userId: 7, seconds: 3600 });
    expect(screen.queryByTestId('chat-user-card')).toBeNull();

    fireEvent.click(screen.getAllByTestId('chat-nick')[1]!);
    fireEvent.click(screen.getByTestId('chat-card-ban'));
    expect(socket().sent('chat:ban')).toHaveLength(0);
    fireEvent.click(screen.getByTestId('chat-card-ban-confirm'));
    await act(async () => {});
    expect(socket().sent('chat:ban')[0]!.payload).toEqual({ channel: 'alpha', userId: 8 });
  });

  it('shows a viewer the card without moderation actions, and closes with its button', async () => {
    stubApi(() => jsonResponse({ followedAt: null }));
    const { socket } = renderChat();
    socket().answers.set('chat:join', () => ({ ok: true, data: joinResult({ history: [makeMessage(1)] }) }));
    await act(async () => socket().open());
    fireEvent.click(screen.getByTestId('chat-nick'));
    const card = screen.getByTestId('chat-user-card');
    await waitFor(() => expect(within(card).getByTestId('chat-card-follow').textContent).toBe('팔로우하지 않음'));
    expect(within(card).queryByTestId('chat-card-ban')).toBeNull();
    fireEvent.click(within(card).getByRole('button', { name: '닫기' }));
    expect(screen.queryByTestId('chat-user-card')).toBeNull();
  });
});
