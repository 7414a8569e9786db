import { act, fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { testUser } from '../test/auth';
import { jsonResponse, stubApi } from '../test/fixtures';
import { renderApp } from '../test/render-app';

describe('site header', () => {
  it('offers a skip link to the page content', async () => {
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/');
    const skip = screen.getByTestId('skip-link');
    expect(skip.textContent).toBe('본문으로 건너뛰기');
    expect(skip.getAttribute('href')).toBe('#content');
    expect(document.getElementById('content')?.tagName).toBe('MAIN');
    await screen.findByText('지금 방송 중인 채널이 없어요');
  });

  it('opens the phone menu from its button, and closes it with Escape and on navigation', async () => {
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/', 'ko', { user: testUser });
    const button = screen.getByTestId('nav-menu-button');
    const menu = document.getElementById('topbar-menu')!;
    expect(button.getAttribute('aria-label')).toBe('메뉴');
    expect(menu.dataset.open).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(menu.dataset.open).toBe('true');
    act(() => void fireEvent.keyDown(window, { key: 'Escape' }));
    expect(menu.dataset.open).toBe('false');

    fireEvent.click(button);
    fireEvent.click(await screen.findByRole('link', { name: '팔로잉' }));
    expect(await screen.findByRole('heading', { name: '팔로잉' })).toBeTruthy();
    expect(menu.dataset.open).toBe('false');
    expect(screen.getByTestId('nav-logout')).toBeTruthy();
  });
});
