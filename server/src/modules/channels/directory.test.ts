import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { notify } from '../../test/notify.js';
import { useTestApp } from '../../test/test-app.js';
import { hangulIncludes } from './hangul-search.js';

describe('hangul search', () => {
  it('matches initial consonants to syllables, mixed forms and plain text', () => {
    expect(hangulIncludes('라잇 공식 방송', 'ㄹㅇ')).toBe(true);
    expect(hangulIncludes('라잇 공식 방송', '라ㅇ')).toBe(true);
    expect(hangulIncludes('라잇 공식 방송', 'ㄱㅅㅂㅅ')).toBe(true);
    expect(hangulIncludes('라잇 공식 방송', 'ㅂㄹ')).toBe(false);
    expect(hangulIncludes('Minecraft Speedrun', 'speed')).toBe(true);
    expect(hangulIncludes('게임', 'ㄱ')).toBe(true);
    expect(hangulIncludes('음악', 'ㄱ')).toBe(false);
  });
});

describe.each(DATABASE_KINDS)('directory (%s)', (kind) => {
  const t = useTestApp(kind);

  it('filters live channels by category and search, and lists categories with live counts in Korean and English', async () => {
    const svc = t.app.channels.service;
    const mk = async (slug: string, title: string, category: string | null, live: boolean) => {
      const { channel, credentials } = await svc.create({ slug, title });
      await svc.update(channel.id, { category });
      if (live) await notify(t.app, 'publish', credentials.streamKey, slug);
    };
    await mk('lait-official', '라잇 공식 방송', 'talk', true);
    await mk('game-night', '게임 하는 밤', 'games', true);
    await mk('music-box', '음악 상자', 'music', false);

    const games = (await t.app.inject({ url: '/api/channels?live=true&category=games' })).json().channels;
    expect(games.map((c: { slug: string }) => c.slug)).toEqual(['game-night']);
    const search = (await t.app.inject({ url: `/api/channels?q=${encodeURIComponent('ㄹㅇ')}` })).json().channels;
    expect(search.map((c: { slug: string }) => c.slug)).toEqual(['lait-official']);
    const liveOnly = (await t.app.inject({ url: `/api/channels?live=true&q=${encodeURIComponent('음악')}` })).json().channels;
    expect(liveOnly).toEqual([]);

    const cats = (await t.app.inject({ url: '/api/categories' })).json().categories;
    expect(cats.length).toBeGreaterThanOrEqual(9);
    expect(cats.find((c: { slug: string }) => c.slug === 'games')).toMatchObject({ nameKo: '게임', nameEn: 'Games', liveCount: 1 });
    expect(cats.find((c: { slug: string }) => c.slug === 'education')).toMatchObject({ nameKo: '온라인 교육' });
  });
});
