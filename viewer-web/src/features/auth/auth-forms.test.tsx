import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../../lib/api';
import { errorMessageKey } from '../../lib/error-message';
import { ko } from '../../i18n/ko';
import { createTestSession, testUser } from '../../test/auth';
import { jsonResponse, makeChannel, stubApi } from '../../test/fixtures';
import { makeJwt } from '../../test/jwt';
import { renderApp } from '../../test/render-app';
import { kakaoStartUrl } from './KakaoButton';

const apiError = (statusCode: number, code: string) =>
  jsonResponse({ statusCode, code, error: 'Error', message: `server says ${code}` }, statusCode);

function fillSignup(email: string, nickname: string, password: string) {
  fireEvent.change(screen.getByTestId('signup-email'), { target: { value: email } });
  fireEvent.change(screen.getByTestId('signup-nickname'), { target: { value: nickname } });
  fireEvent.change(screen.getByTestId('signup-password'), { target: { value: password } });
  fireEvent.click(screen.getByTestId('signup-submit'));
}

/** Signed out; /api/auth/<endpoint> answers with `answer`. */
function sessionAnswering(endpoint: string, answer: () => Response) {
  return createTestSession(null, (url) => (url.endsWith(endpoint) ? answer() : undefined));
}

describe('auth form error mapping', () => {
  it.each([
    ['AUTH_EMAIL_TAKEN', 409, '이미 가입된 이메일이에요. 로그인해 보세요.'],
    ['AUTH_NICKNAME_TAKEN', 409, '이미 쓰고 있는 닉네임이에요. 다른 닉네임을 골라 주세요.'],
    ['AUTH_WEAK_PASSWORD', 400, '비밀번호가 너무 쉬워요. 더 길게, 글자와 숫자·기호를 섞어 주세요.'],
    ['RATE_LIMITED', 429, '요청이 너무 많아요. 잠시 후 다시 시도해 주세요.'],
    ['VALIDATION_FAILED', 400, '입력한 내용을 다시 확인해 주세요.'],
  ])('sign-up shows a specific Korean message for %s', async (code, status, text) => {
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/signup', 'ko', { auth: sessionAnswering('/signup', () => apiError(status, code)) });
    fillSignup('a@lait.test', '라잇', 'good-stream-2026');
    expect((await screen.findByTestId('form-error')).textContent).toBe(text);
    expect(screen.getByTestId('nav-login')).toBeTruthy();
  });

  it.each([
    [{ code: 'AUTH_WEAK_PASSWORD', field: 'password', reason: 'common' }, 400, 'signup-password', '너무 흔한 비밀번호예요. 남들이 쉽게 떠올리지 못할 비밀번호를 써 주세요.'],
    [{ code: 'AUTH_WEAK_PASSWORD', field: 'password', reason: 'contains-nickname' }, 400, 'signup-password', '비밀번호에 닉네임을 넣지 마세요.'],
    [{ code: 'AUTH_EMAIL_TAKEN', field: 'email' }, 409, 'signup-email', '이미 가입된 이메일이에요. 로그인해 보세요.'],
    [{ code: 'VALIDATION_FAILED', field: 'nickname' }, 400, 'signup-nickname', '입력한 내용을 다시 확인해 주세요.'],
  ])('sign-up shows the refusal %o at its field, with the rule the server applied', async (body, status, testId, text) => {
    stubApi(() => jsonResponse({ channels: [] }));
    const answer = () => jsonResponse({ statusCode: status, error: 'Error', message: 'server text', ...body }, status);
    renderApp('/signup', 'ko', { auth: sessionAnswering('/signup', answer) });
    fillSignup('a@lait.test', '라잇', 'good-stream-2026');
    const input = screen.getByTestId(testId);
    await screen.findByText(text);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(input.getAttribute('aria-describedby')!)?.textContent).toBe(text);
    expect(screen.queryByTestId('form-error')).toBeNull();
  });

  it('login explains wrong credentials, in English too', async () => {
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/login', 'en', { auth: sessionAnswering('/login', () => apiError(401, 'AUTH_INVALID_CREDENTIALS')) });
    fireEvent.change(screen.getByTestId('login-email'), { target: { value: 'a@lait.test' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'nope-nope' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('Wrong email or password.');
  });

  it('maps codes it has no words for by status, and anything else to a generic message', () => {
    const err = (statusCode: number, code: string) => new ApiRequestError({ statusCode, code, error: '', message: '' });
    expect(errorMessageKey(err(409, 'CHANNEL_SLUG_TAKEN'), ko.errors)).toBe('errors.CHANNEL_SLUG_TAKEN');
    expect(errorMessageKey(err(503, 'SOMETHING_NEW'), ko.errors)).toBe('errors.SERVICE_UNAVAILABLE');
    expect(errorMessageKey(err(429, 'CHAT_RATE_LIMITED_X'), ko.errors)).toBe('errors.RATE_LIMITED');
    expect(errorMessageKey(err(0, 'NETWORK_ERROR'), ko.errors)).toBe('errors.NETWORK_ERROR');
    expect(errorMessageKey(new Error('boom'), ko.errors)).toBe('errors.unknown');
    expect(errorMessageKey(err(418, 'unknown'), ko.errors)).toBe('errors.unknown');
  });

  it('hints at a nickname the server will refuse, but still lets the server decide', async () => {
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/signup', 'ko', { auth: sessionAnswering('/signup', () => apiError(400, 'VALIDATION_FAILED')) });
    fireEvent.change(screen.getByTestId('signup-nickname'), { target: { value: '라잇 스트리머!' } });
    expect(screen.getByText('닉네임에는 한글, 영문, 숫자, 밑줄(_)만 쓸 수 있어요.')).toBeTruthy();
    fireEvent.change(screen.getByTestId('signup-nickname'), { target: { value: '라잇스트리머' } });
    expect(screen.queryByText('닉네임에는 한글, 영문, 숫자, 밑줄(_)만 쓸 수 있어요.')).toBeNull();
  });

  it('signs up, shows the nickname in the nav and goes to ?next', async () => {
    stubApi(() => jsonResponse({ channels: [] }));
    const auth = sessionAnswering('/signup', () => jsonResponse({ user: testUser, accessToken: makeJwt(900) }, 201));
    renderApp('/signup?next=%2Ffollowing', 'ko', { auth });
    fillSignup('streamer@lait.test', '라잇스트리머', 'good-stream-2026');
    expect((await screen.findByTestId('nav-user')).textContent).toContain('라잇스트리머');
    expect(await screen.findByRole('heading', { name: '팔로잉' })).toBeTruthy();
    expect(screen.queryByTestId('nav-login')).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it('lands a new account without ?next on the dashboard with the go-live steps', async () => {
    const channel = { ...makeChannel({ live: false }), hasStreamKey: false, rtmpUrl: 'rtmp://127.0.0.1/live', health: null, slugChangeable: true };
    stubApi((url) => (url === '/api/me' ? jsonResponse({ user: testUser, channel }) : jsonResponse({ channels: [] })));
    const auth = sessionAnswering('/signup', () => jsonResponse({ user: testUser, accessToken: makeJwt(900) }, 201));
    renderApp('/signup', 'ko', { auth });
    fillSignup('streamer@lait.test', '라잇스트리머', 'good-stream-2026');
    const welcome = await screen.findByTestId('dashboard-welcome');
    expect(welcome.textContent).toContain(`${testUser.nickname}님, 환영해요!`);
    expect(screen.getByTestId('welcome-go-live').getAttribute('href')).toBe('#guide-title');
    expect(screen.getByTestId('stream-key-rotate')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '닫기' }));
    expect(screen.queryByTestId('dashboard-welcome')).toBeNull();
  });

  it('says so when the server has no Kakao login configured, instead of navigating to an error page', async () => {
    const fetch = stubApi((url) => (url.startsWith('/api/auth/kakao') ? apiError(503, 'SERVICE_UNAVAILABLE') : jsonResponse({ channels: [] })));
    renderApp('/login?next=%2Fdashboard');
    fireEvent.click(screen.getByTestId('login-kakao'));
    expect((await screen.findByTestId('form-error')).textContent).toBe('이 서버에서는 카카오 로그인을 쓸 수 없어요.');
    expect(fetch).toHaveBeenCalledWith('/api/auth/kakao?next=%2Fdashboard', expect.objectContaining({ method: 'HEAD' }));
    expect(kakaoStartUrl('/')).toBe('/api/auth/kakao');
  });
});
