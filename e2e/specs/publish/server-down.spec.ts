import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { exitWithin, publish, type Publisher } from '@lait/testkit/publisher';

describe('when the server is down', () => {
  let p: Platform;
  let key: string;
  let slug: string;
  const publishers: Publisher[] = [];
  beforeAll(async () => {
    p = await startPlatform();
    ({ streamKey: key, slug } = p.lait<{ streamKey: string; slug: string }>('channel', 'create', 'down-e2e', '--json'));
  });
  afterAll(async () => {
    await Promise.all(publishers.map((x) => x.stop()));
    await p?.stop();
  });

  it('refuses to publish (fails closed), and accepts again once the server is back', async () => {
    await p.stopServer();
    const refused = publish(p.urls.rtmp, key);
    publishers.push(refused);
    const code = await exitWithin(refused, 15_000);
    expect(code, 'publishing must be refused while the server cannot authorise it').not.toBeNull();
    expect(code).not.toBe(0);

    await p.startServer();
    const accepted = publish(p.urls.rtmp, key);
    publishers.push(accepted);
    await waitFor('the channel to go live', async () => (await p.api<{ live: boolean }>(`/api/channels/${slug}`)).body.live, 20_000);
    expect(accepted.proc.exitCode).toBeNull();
  });
});
