import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp } from '@lait/testkit/accounts';
import { startPlatform, type Platform } from '@lait/testkit/platform';
import { waitFor } from '@lait/testkit/ports';
import { publish, type Publisher } from '@lait/testkit/publisher';

interface Health { bitrateKbps: number; fps: number | null; width: number | null; height: number | null; keyframeIntervalSec: number | null; warnings: string[] }

describe('stream health the server sees', () => {
  let p: Platform;
  let pub: Publisher | undefined;
  beforeAll(async () => {
    p = await startPlatform();
  });
  afterAll(async () => {
    await pub?.stop();
    await p?.stop();
  });

  it('reports resolution, fps and bitrate, and warns when the keyframe interval is longer than 2 s', async () => {
    const { accessToken } = await signUp(p.urls.site, { email: 'health@lait.test', password: 'keyframes-every-4s', nickname: '헬스체크' });
    const auth = { authorization: `Bearer ${accessToken}` };
    const { streamKey } = (await (await fetch(`${p.urls.site}/api/me/channel/stream-key`, { method: 'POST', headers: auth })).json()) as { streamKey: string };

    // OBS's "auto" keyframe interval: several seconds between keyframes.
    pub = publish(p.urls.rtmp, streamKey, { width: 640, height: 360, fps: 15, keyframeSec: 4 });
    const health = await waitFor('a health report with the keyframe interval', async () => {
      const res = await fetch(`${p.urls.site}/api/me`, { headers: auth });
      const me = (await res.json()) as { channel?: { health: Health | null } };
      if (!me.channel) throw new Error(`GET /api/me answered ${res.status}: ${JSON.stringify(me)}`);
      const h = me.channel.health;
      // Judge once several 4 s fragments are in the playlist (the first ones can be short).
      return h && h.keyframeIntervalSec !== null && h.keyframeIntervalSec >= 3.5 && h.bitrateKbps > 0 ? h : null;
    }, 60_000, 1000);
    expect(health).toMatchObject({ width: 640, height: 360 });
    expect(health.keyframeIntervalSec).toBeGreaterThanOrEqual(3.5);
    expect(health.warnings).toContain('KEYFRAME_INTERVAL_TOO_LONG');
  });
});
