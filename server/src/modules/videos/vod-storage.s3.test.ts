import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Standin } from '../../test/s3-standin.js';
import { useTestApp } from '../../test/test-app.js';
import { bearer, signUp } from '../../test/users.js';
import { createS3Store } from './s3-store.js';
import { VideoEntity } from './video.entities.js';
import { VideoRepository } from './video.repository.js';
import { VodUploader } from './vod-uploader.js';

describe('VODs in S3-compatible storage (s3rver)', () => {
  const s3 = new S3Standin();
  beforeAll(() => s3.start());
  const dataDir = path.join(tmpdir(), `lait-vods-s3-${process.pid}-${Date.now()}`);
  const t = useTestApp('sqlite', () => ({ DATA_DIR: dataDir, ...s3.env }));
  afterAll(async () => {
    await s3.stop();
    s3.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('retries uploads through an outage, keeps the local copy until the last one is confirmed, then serves from S3', async () => {
    const owner = await signUp(t.app);
    const slug = (await t.app.inject({ url: '/api/me', headers: bearer(owner) })).json().channel.slug as string;
    const channel = await t.app.channels.service.getBySlug(slug);
    const videos = new VideoRepository(t.app.db);
    const video = await videos.insert({ channelId: channel.id, sessionId: 1, title: 'S3 방송', category: null, startedAt: new Date() });
    await t.app.db.getRepository(VideoEntity).update({ id: video.id }, { status: 'ready', endedAt: new Date(), durationMs: 20_000 });
    const dir = t.app.videos.recording.dirOf(video.id);
    mkdirSync(dir, { recursive: true });
    const fragments = Array.from({ length: 20 }, (_, i) => ({ name: `${String(i).padStart(6, '0')}.ts`, data: randomBytes(64 * 1024) }));
    for (const f of fragments) writeFileSync(path.join(dir, f.name), f.data);
    writeFileSync(path.join(dir, 'index.m3u8'), `#EXTM3U\n#EXT-X-PLAYLIST-TYPE:VOD\n${fragments.map((f) => `#EXTINF:1.000,\n${f.name}`).join('\n')}\n#EXT-X-ENDLIST\n`);

    // The store as the app builds it, with the server stopped after the 5th upload: an outage mid-VOD.
    const store = createS3Store({ bucket: s3.bucket, endpoint: `http://127.0.0.1:${s3.port}`, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
    let puts = 0;
    let failures = 0;
    let outage: Promise<void> | null = null;
    const flaky = {
      ...store,
      async put(key: string, file: string, type: string) {
        if (++puts === 5) outage = s3.stop();
        await outage;
        try {
          await store.put(key, file, type);
        } catch (err) {
          failures++;
          throw err;
        }
      },
    };
    const uploader = new VodUploader(flaky, videos, (id) => t.app.videos.recording.dirOf(id), t.app.log, { baseMs: 100, capMs: 400 });
    const done = uploader.uploadPending();

    await expect.poll(() => failures, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(existsSync(dir)).toBe(true);
    expect((await videos.findById(video.id))?.storage).toBe('local');
    // Still watchable from the local copy during the outage.
    expect((await t.app.inject({ url: `/vod/${video.id}/000000.ts` })).rawPayload.equals(fragments[0]!.data)).toBe(true);

    await s3.start();
    await done;
    uploader.close();
    store.close();
    expect((await videos.findById(video.id))?.storage).toBe('s3');
    expect(existsSync(dir)).toBe(false);

    const playlist = await t.app.inject({ url: `/vod/${video.id}/index.m3u8` });
    expect(playlist.statusCode).toBe(200);
    expect(playlist.body).toContain('#EXT-X-ENDLIST');
    for (const f of fragments) {
      const res = await t.app.inject({ url: `/vod/${video.id}/${f.name}` });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(f.data)).toBe(true);
    }

    // Retention (and deletion) remove the objects too.
    await t.app.db.getRepository(VideoEntity).update({ id: video.id }, { endedAt: new Date(Date.now() - 40 * 86_400_000) });
    expect(await t.app.videos.recording.sweepRetention()).toBe(1);
    expect((await t.app.inject({ url: `/api/videos/${video.id}` })).statusCode).toBe(404);
    expect(await t.app.videos.recording.openStored(video.id, '000000.ts')).toBeNull();
    expect(await t.app.videos.recording.openStored(video.id, 'index.m3u8')).toBeNull();
  }, 60_000);
});
