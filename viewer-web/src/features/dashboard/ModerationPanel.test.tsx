import type { ChannelModeration, ChannelOwner } from '@lait/shared';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const channel: ChannelOwner = { ...makeChannel({ live: false }), hasStreamKey: true, rtmpUrl: 'rtmp://127.0.0.1/live', health: null, recordVods: true, vodRetentionDays: 30, ladderEnabled: true, slugChangeable: false };

/** A server keeping the two lists in memory, answering as /api/me/channel/moderation… does. */
function stubModerationServer() {
  const lists: ChannelModeration = { moderators: [], banned: [{ userId: 9, nickname: '말썽꾼' }] };
  const fetch = stubApi(() => jsonResponse({ channels: [] }));
  fetch.mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (url === '/api/me') return jsonResponse({ user: testUser, channel });
    if (url === '/api/categories') return jsonResponse({ categories: [] });
    if (url === '/api/me/channel/moderators' && method === 'POST') {
      const { nickname } = JSON.parse(String(init!.body)) as { nickname: string };
      if (nickname !== '든든한매니저') return jsonResponse({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: 'nobody' }, 404);
      lists.moderators = [{ userId: 5, nickname }];
    }
    if (url === '/api/me/channel/moderators/5' && method === 'DELETE') lists.moderators = [];
    if (url === '/api/me/channel/bans/9' && method === 'DELETE') lists.banned = [];
    if (url.startsWith('/api/me/channel/')) return jsonResponse(lists);
    return jsonResponse({ channels: [] });
  });
  return fetch;
}

describe('moderation lists on the dashboard', () => {
  it('appoints a moderator by nickname, removes them, and unbans from the list', async () => {
    stubModerationServer();
    renderApp('/dashboard', 'ko', { user: testUser });
    const bans = await screen.findByTestId('ban-list');
    await waitFor(() => expect(bans.textContent).toContain('말썽꾼'));
    const mods = screen.getByTestId('mod-list');
    expect(mods.textContent).toBe('없음');

    fireEvent.change(screen.getByTestId('mod-appoint-input'), { target: { value: '없는사람' } });
    fireEvent.click(screen.getByTestId('mod-appoint'));
    expect(await screen.findByTestId('form-error')).toBeTruthy();

    fireEvent.change(screen.getByTestId('mod-appoint-input'), { target: { value: '든든한매니저' } });
    fireEvent.click(screen.getByTestId('mod-appoint'));
    await waitFor(() => expect(mods.textContent).toContain('든든한매니저'));
    expect((screen.getByTestId('mod-appoint-input') as HTMLInputElement).value).toBe('');

    fireEvent.click(within(mods).getByTestId('mod-remove'));
    await waitFor(() => expect(mods.textContent).toBe('없음'));
    fireEvent.click(within(bans).getByTestId('mod-unban'));
    await waitFor(() => expect(bans.textContent).toBe('없음'));
  });
});
