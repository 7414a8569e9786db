import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, signUp } from '../../test/users.js';

describe.each(DATABASE_KINDS)('moderation lists on the dashboard (%s)', (kind) => {
  const t = useTestApp(kind);

  it('appoints a moderator by nickname who can then ban, lists both, unbans and removes from the lists', async () => {
    const streamer = await signUp(t.app);
    const mod = await signUp(t.app);
    const troll = await signUp(t.app);
    const slug = (await t.app.inject({ url: '/api/me', headers: bearer(streamer) })).json().channel.slug as string;
    const api = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, who = streamer) =>
      t.app.inject({ method, url: `/api/me/channel${url}`, headers: bearer(who), ...(payload ? { payload } : {}) });

    expect((await api('GET', '/moderation')).json()).toEqual({ moderators: [], banned: [] });
    const appointed = await api('POST', '/moderators', { nickname: mod.nickname });
    expect(appointed.statusCode).toBe(200);
    expect(appointed.json().moderators).toEqual([{ userId: mod.id, nickname: mod.nickname }]);

    // The new moderator's ban goes through the same rules as in chat.
    await t.app.chat.actions.ban(mod.id, { channel: slug, userId: troll.id });
    expect((await api('GET', '/moderation')).json().banned).toEqual([{ userId: troll.id, nickname: troll.nickname }]);

    const unbanned = await api('DELETE', `/bans/${troll.id}`);
    expect(unbanned.statusCode).toBe(200);
    expect(unbanned.json().banned).toEqual([]);
    const removed = await api('DELETE', `/moderators/${mod.id}`);
    expect(removed.json().moderators).toEqual([]);
  });

  it('answers an unknown nickname with 404, the streamer themselves and a malformed id with 400, and no sign-in with 401', async () => {
    const streamer = await signUp(t.app);
    const noSuch = await t.app.inject({ method: 'POST', url: '/api/me/channel/moderators', headers: bearer(streamer), payload: { nickname: '없는사람' } });
    expect(noSuch.statusCode).toBe(404);
    expect(noSuch.json().code).toBe('NOT_FOUND');
    const self = await t.app.inject({ method: 'POST', url: '/api/me/channel/moderators', headers: bearer(streamer), payload: { nickname: streamer.nickname } });
    expect(self.statusCode).toBe(400);
    expect(self.json().code).toBe('VALIDATION_FAILED');
    const bad = await t.app.inject({ method: 'DELETE', url: '/api/me/channel/bans/abc', headers: bearer(streamer) });
    expect(bad.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/me/channel/moderation' })).statusCode).toBe(401);
  });
});
