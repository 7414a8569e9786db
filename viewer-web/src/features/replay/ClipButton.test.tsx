import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { vodClipRange } from './ClipButton';

vi.mock('hls.js', async () => ({ default: (await import('../../test/fake-hls')).FakeHls }));

const clip = {
  id: 'AbCdEfGh123456', url: '/clips/AbCdEfGh123456.mp4', shareUrl: 'http://lait.test/clip/AbCdEfGh123456', durationSec: 30,
  title: '알파의 저녁 방송', channel: { slug: 'alpha', title: '알파의 저녁 방송' }, videoId: null, createdAt: new Date().toISOString(),
};

describe('clip button on a live channel', () => {
  it('is only there for signed-in viewers, clips the last 30 s and links to the clip, and explains a 429', async () => {
    let answer = jsonResponse(clip, 201);
    const fetch = stubApi((url) => (url.endsWith('/clips') ? answer : jsonResponse(makeChannel({ live: true }))));
    renderApp('/c/alpha', 'ko', { user: testUser });
    await screen.findByTestId('channel-live');
    const button = await screen.findByTestId('clip-button');
    await act(async () => fireEvent.click(button));
    const link = await screen.findByTestId('clip-link');
    expect(link.getAttribute('href')).toBe(`/clip/${clip.id}`);
    const call = fetch.mock.calls.find(([url]) => String(url).endsWith('/clips'))!;
    expect(JSON.parse(String(call[1]?.body))).toEqual({ seconds: 30 });

    answer = jsonResponse({ statusCode: 429, code: 'RATE_LIMITED', error: 'Too Many Requests', message: 'Too many attempts; try again in 540 s' }, 429);
    await act(async () => fireEvent.click(button));
    expect((await screen.findByRole('alert')).textContent).toContain('너무 많');
  });

  it('is not shown to signed-out viewers', async () => {
    stubApi(() => jsonResponse(makeChannel({ live: true })));
    renderApp('/c/alpha');
    await screen.findByTestId('channel-live');
    expect(screen.queryByTestId('clip-button')).toBeNull();
  });
});

describe('clip range on a past broadcast', () => {
  it('takes the 30 s before the position, or the first 30 s near the start, never past the end', () => {
    expect(vodClipRange(95.3, 600)).toEqual({ start: 65.3, end: 95.3 });
    expect(vodClipRange(4, 600)).toEqual({ start: 0, end: 30 });
    expect(vodClipRange(50, 40)).toEqual({ start: 10, end: 40 });
    expect(vodClipRange(5, 12)).toEqual({ start: 0, end: 12 });
  });
});
