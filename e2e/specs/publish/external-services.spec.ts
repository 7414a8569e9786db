import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

describe('the platform on MariaDB and Redis', () => {
  let p: Platform;
  let pub: Publisher | undefined;
  beforeAll(async () => {
    p = await startPlatform({ external: true });
  });
  afterAll(async () => {
    await pub?.stop();
    await p?.stop();
  });

  it('creates a channel, goes live with HLS under the playback id, and goes offline when the publisher stops', async () => {
    const ch = p.lait<{ slug: string; streamKey: string; playbackId: string }>('channel', 'create', 'maria-e2e', '--title', '마리아DB 방송', '--json');
    const { createConnection } = await import('mysql2/promise');
    const db = await createConnection({ uri: p.databaseUrl! });
    const [rows] = await db.query('SELECT slug, title FROM channels');
    await db.end();
    expect(rows).toEqual([{ slug: 'maria-e2e', title: '마리아DB 방송' }]);
    expect(existsSync(path.join(p.dataDir, 'lait.sqlite'))).toBe(false);
    pub = publish(p.urls.rtmp, ch.streamKey);
    await waitFor('the playlist', async () => (await fetch(`${p.urls.hls}/${ch.playbackId}/index.m3u8`)).ok, 20_000);
    // Live once its master playlist answers (the playable watch probes it every 250 ms).
    const live = await waitFor('the directory to list the channel', async () => {
      const res = await p.api<{ channels: Array<{ slug: string; title: string }> }>('/api/channels?live=true');
      return res.body.channels.length > 0 ? res : null;
    }, 10_000);
    expect(live.body.channels).toEqual([expect.objectContaining({ slug: 'maria-e2e', title: '마리아DB 방송' })]);
    await pub.stop();
    await waitFor('offline', async () => !(await p.api<{ live: boolean }>(`/api/channels/${ch.slug}`)).body.live, 15_000);
  });
});
