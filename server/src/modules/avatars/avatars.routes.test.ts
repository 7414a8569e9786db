import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../../test/databases.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, signUp } from '../../test/users.js';

/** A real PNG made by ffmpeg, as a browser's file picker would hand one over. */
function makePng(ffmpeg: string, size = '320x200'): Buffer {
  const res = spawnSync(ffmpeg, ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', `color=c=red:s=${size}`, '-frames:v', '1', '-c:v', 'png', '-f', 'image2pipe', 'pipe:1']);
  if (res.status !== 0) throw new Error(`ffmpeg failed: ${res.stderr.toString()}`);
  return res.stdout;
}

describe.each(DATABASE_KINDS)('avatars (%s)', (kind) => {
  const t = useTestApp(kind);

  it('stores an uploaded image as a 256×256 JPEG and shows it on the channel answers', async () => {
    const a = await signUp(t.app);
    const put = await t.app.inject({ method: 'PUT', url: '/api/me/avatar', headers: { ...bearer(a), 'content-type': 'image/png' }, payload: makePng(t.config.ffmpegPath) });
    expect(put.statusCode).toBe(200);
    const { avatarUrl } = put.json() as { avatarUrl: string };
    expect(avatarUrl).toMatch(new RegExp(`^/api/avatars/${a.id}\\.jpg\\?v=\\d+$`));

    const image = await t.app.inject({ url: avatarUrl });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    const probe = spawnSync(t.config.ffmpegPath.replace(/ffmpeg$/, 'ffprobe'), ['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', '-'], { input: image.rawPayload });
    expect(probe.stdout.toString().trim()).toBe('256,256');

    const slug = (await t.app.inject({ url: '/api/me', headers: bearer(a) })).json().channel.slug;
    expect((await t.app.inject({ url: `/api/channels/${slug}` })).json().streamer.avatarUrl).toBe(avatarUrl);
  });

  it('refuses what is not an image, an unknown type, a too-large body and an anonymous upload, never with a 500', async () => {
    const a = await signUp(t.app);
    const upload = (type: string, payload: Buffer, auth = true) =>
      t.app.inject({ method: 'PUT', url: '/api/me/avatar', headers: { ...(auth ? bearer(a) : {}), 'content-type': type }, payload });
    const fake = await upload('image/png', Buffer.from('<html>not a picture</html>'));
    expect(fake.statusCode).toBe(400);
    expect(fake.json().code).toBe('AVATAR_INVALID');
    const gif = await upload('image/gif', Buffer.from('GIF89a'));
    expect(gif.statusCode).toBe(415);
    const huge = await upload('image/png', Buffer.alloc(3 * 1024 * 1024, 1));
    expect(huge.statusCode).toBe(413);
    expect((await upload('image/png', makePng(t.config.ffmpegPath), false)).statusCode).toBe(401);
    expect((await t.app.inject({ url: `/api/avatars/${a.id}.jpg` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/avatars/..%2Fsecret.jpg' })).statusCode).toBe(400);
  });
});
