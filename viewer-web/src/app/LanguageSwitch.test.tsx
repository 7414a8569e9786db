import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fixtures';
import { renderApp } from '../test/render-app';
import { readStoredLanguage } from '../lib/i18n';

describe('language switch', () => {
  it('shows Korean by default and switches every visible string to English, remembering the choice', async () => {
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/');
    expect(await screen.findByText('지금 방송 중인 채널이 없어요')).toBeTruthy();
    expect(screen.getByRole('link', { name: '홈' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ko');

    fireEvent.click(screen.getByRole('button', { name: 'English' }));

    expect(await screen.findByText('No channels are live right now')).toBeTruthy();
    expect(screen.queryByText('지금 방송 중인 채널이 없어요')).toBeNull();
    expect(screen.getByRole('link', { name: 'Home' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.lang).toBe('en');
    expect(readStoredLanguage()).toBe('en');
  });

  it('starts in the stored language', async () => {
    localStorage.setItem('lait.lang', 'en');
    stubApi(() => jsonResponse({ channels: [] }));
    renderApp('/');
    expect(await screen.findByText('No channels are live right now')).toBeTruthy();
  });
});
