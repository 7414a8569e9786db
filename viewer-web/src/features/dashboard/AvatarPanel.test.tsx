import type { ChannelOwner } from '@lait/shared';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const channel: ChannelOwner = { ...makeChannel({ live: false }), hasStreamKey: true, rtmpUrl: 'rtmp://127.0.0.1/live', health: null, recordVods: true, vodRetentionDays: 30, ladderEnabled: true, slugChangeable: false };

describe('avatar on the dashboard', () => {
  it('uploads a picked image and shows it, and refuses a file of the wrong kind before sending', async () => {
    const uploads: RequestInit[] = [];
    const fetch = stubApi(() => jsonResponse({ channels: [] }));
    fetch.mockImplementation(async (input: string | URL | Request, init?: RequestInit) => {
      const url = String(input);
      if (url === '/api/me/avatar') {
        uploads.push(init!);
        return jsonResponse({ avatarUrl: '/api/avatars/1.jpg?v=5' });
      }
      if (url === '/api/me') return jsonResponse({ user: testUser, channel });
      if (url === '/api/categories') return jsonResponse({ categories: [] });
      if (url === '/api/me/channel/moderation') return jsonResponse({ moderators: [], banned: [] });
      return jsonResponse({ channels: [] });
    });
    renderApp('/dashboard', 'ko', { user: testUser });
    const input = (await screen.findByTestId('avatar-input')) as HTMLInputElement;
    const panel = screen.getByTestId('avatar-panel');
    expect(panel.querySelector('[data-testid="streamer-avatar"]')?.textContent).toBe('알');

    fireEvent.change(input, { target: { files: [new File(['GIF89a'], 'a.gif', { type: 'image/gif' })] } });
    expect((await screen.findByTestId('form-error')).textContent).toBe('JPEG, PNG, WebP 이미지만 올릴 수 있어요.');
    expect(uploads).toHaveLength(0);

    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'me.png', { type: 'image/png' });
    fireEvent.change(input, { target: { files: [png] } });
    await waitFor(() => expect(panel.querySelector('img')).not.toBeNull());
    expect(uploads).toHaveLength(1);
    expect(uploads[0]!.method).toBe('PUT');
    expect((uploads[0]!.headers as Record<string, string>)['content-type']).toBe('image/png');
    expect(uploads[0]!.body).toBe(png);
    expect(panel.querySelector('img')?.getAttribute('src')).toBe('/api/avatars/1.jpg?v=5');
  });
});
