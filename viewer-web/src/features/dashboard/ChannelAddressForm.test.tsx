import type { ChannelOwner } from '@lait/shared';
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const owner = (overrides: Partial<ChannelOwner> = {}): ChannelOwner => ({
  ...makeChannel({ slug: 'ch-abcd1234', live: false }),
  hasStreamKey: true,
  rtmpUrl: 'rtmp://127.0.0.1/live',
  health: null,
  recordVods: true,
  vodRetentionDays: 30,
  ladderEnabled: true,
  slugChangeable: true,
  ...overrides,
});

describe('channel address on the dashboard', () => {
  it('checks the rules as you type, asks for confirmation, then picks the address once', async () => {
    let channel = owner();
    const patches: unknown[] = [];
    // PATCH needs the request body, so this server answers from (url, init) rather than the url alone.
    const fetch = stubApi(() => jsonResponse({ channels: [] }));
    fetch.mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      if (url === '/api/me/channel' && init?.method === 'PATCH') {
        const body = JSON.parse(String(init.body)) as { slug: string };
        patches.push(body);
        if (body.slug === 'taken-name') return jsonResponse({ statusCode: 409, code: 'CHANNEL_SLUG_TAKEN', error: 'Conflict', message: 'taken' }, 409);
        channel = owner({ slug: body.slug, slugChangeable: false });
        return jsonResponse(channel);
      }
      if (url === '/api/me') return jsonResponse({ user: testUser, channel });
      if (url === '/api/categories') return jsonResponse({ categories: [] });
      if (url === '/api/me/channel/moderation') return jsonResponse({ moderators: [], banned: [] });
      return jsonResponse({ channels: [] });
    });
    renderApp('/dashboard', 'ko', { user: testUser });
    const input = (await screen.findByTestId('channel-address-input')) as HTMLInputElement;
    const save = screen.getByTestId('channel-address-save') as HTMLButtonElement;
    expect(screen.getByTestId('channel-address-current').textContent).toBe('/c/ch-abcd1234');

    fireEvent.change(input, { target: { value: 'dashboard' } });
    expect(screen.getByText('사이트에서 쓰는 주소예요.')).toBeTruthy();
    expect(save.disabled).toBe(true);
    fireEvent.change(input, { target: { value: 'a' } });
    expect(screen.getByText(/3~20자, 처음과 끝은/)).toBeTruthy();

    fireEvent.change(input, { target: { value: 'taken-name' } });
    fireEvent.click(save);
    expect((await screen.findByRole('alert')).textContent).toBe('/c/taken-name 로 정할까요? 다시 바꿀 수 없어요.');
    expect(patches).toEqual([]);
    fireEvent.click(screen.getByTestId('channel-address-save'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('이미 쓰고 있는 채널 주소예요.');

    fireEvent.change(input, { target: { value: 'Moon_Cat' } });
    expect(input.value).toBe('moon_cat');
    fireEvent.click(save);
    fireEvent.click(await screen.findByText('네, 정할게요'));
    expect(await screen.findByText('채널 주소는 한 번만 정할 수 있어요.')).toBeTruthy();
    expect(screen.getByTestId('channel-address-current').textContent).toBe('/c/moon_cat');
    expect(patches).toEqual([{ slug: 'taken-name' }, { slug: 'moon_cat' }]);
    expect(screen.queryByTestId('channel-address-input')).toBeNull();
  });
});
