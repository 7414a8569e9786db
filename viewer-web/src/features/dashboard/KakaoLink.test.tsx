import type { ChannelOwner, User } from '@lait/shared';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { goTo } from '../../lib/go-to';
import { testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

vi.mock('../../lib/go-to', () => ({ goTo: vi.fn() }));

const KAKAO_URL = 'https://kauth.kakao.com/oauth/authorize?client_id=x&state=y';

function stubServer(user: User) {
  const channel: ChannelOwner = { ...makeChannel({ live: false, liveSince: null, viewerCount: 0 }), hasStreamKey: false, rtmpUrl: 'rtmp://127.0.0.1/live', health: null, recordVods: true, vodRetentionDays: 30, ladderEnabled: true, slugChangeable: true };
  return stubApi((url) => {
    if (url === '/api/me') return jsonResponse({ user, channel });
    if (url === '/api/auth/kakao/link') return jsonResponse({ url: KAKAO_URL });
    return jsonResponse({ channels: [] });
  });
}

describe('linking Kakao on the dashboard', () => {
  it('asks the server for the Kakao page with the access token, then goes there', async () => {
    const fetch = stubServer(testUser);
    renderApp('/dashboard', 'ko', { user: testUser });
    fireEvent.click(await screen.findByRole('button', { name: '카카오 계정 연결하기' }));
    await waitFor(() => expect(goTo).toHaveBeenCalledWith(KAKAO_URL));
    const call = fetch.mock.calls.find(([url]) => url === '/api/auth/kakao/link');
    expect((call?.[1] as RequestInit).method).toBe('POST');
    expect((call?.[1] as RequestInit).headers).toMatchObject({ authorization: expect.stringMatching(/^Bearer /) });
  });

  it('says why linking failed when Kakao sends the browser back with an error', async () => {
    stubServer(testUser);
    renderApp('/dashboard?kakaoLink=AUTH_KAKAO_TAKEN', 'en', { user: testUser });
    expect(await screen.findByText('This Kakao account already has its own Lait account. Log in with Kakao to use it.')).toBeTruthy();
  });

  it('shows a linked account as linked, with no button to link again', async () => {
    const linked = { ...testUser, kakaoLinked: true };
    stubServer(linked);
    renderApp('/dashboard?kakaoLink=linked', 'ko', { user: linked });
    expect(await screen.findByText('카카오 계정을 연결했어요.')).toBeTruthy();
    expect(screen.getByTestId('kakao-linked')).toBeTruthy();
    expect(screen.queryByTestId('kakao-link-start')).toBeNull();
  });

  it('after a Kakao login that made a new account beside an unverified one with the same email, says how to link them', async () => {
    stubServer(testUser);
    renderApp('/dashboard?login=kakao&kakaoSeparate=1', 'ko', { user: testUser });
    const notice = await screen.findByTestId('kakao-separate');
    expect(notice.textContent).toContain('비밀번호로 로그인한 뒤 방송 관리에서 카카오 계정을 연결하세요');
    fireEvent.click(screen.getByRole('button', { name: '닫기' }));
    expect(screen.queryByTestId('kakao-separate')).toBeNull();
  });

  it('says nothing of the kind after an ordinary Kakao login', async () => {
    stubServer(testUser);
    renderApp('/dashboard?login=kakao', 'ko', { user: testUser });
    await screen.findByTestId('dashboard');
    expect(screen.queryByTestId('kakao-separate')).toBeNull();
  });
});
