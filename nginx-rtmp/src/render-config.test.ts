import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveRelaySecret } from './relay-secret.js';
import { findRtmpModule } from './find-module.js';
import { testConfig } from './test-config.js';
import { renderConfig, type RenderOptions } from './render-config.js';

const BASE: RenderOptions = {
  rtmpPort: 1935,
  hlsHttpPort: 8080,
  controlPort: 8081,
  notifyUrl: 'http://127.0.0.1:3000/',
  notifySecret: 'a-secret-of-24-characters',
  workDir: '/var/lib/lait/nginx',
  hlsDir: '/var/lib/lait/hls/',
  modulePath: '/usr/lib/nginx/modules/ngx_rtmp_module.so',
};

describe('renderConfig', () => {
  it('fills every placeholder and posts each notification with the secret', () => {
    const config = renderConfig(BASE);
    expect(config).not.toMatch(/\{\{|\}\}/);
    expect(config).toContain('load_module /usr/lib/nginx/modules/ngx_rtmp_module.so;');
    expect(config).toContain('on_publish http://127.0.0.1:3000/internal/rtmp/publish?secret=a-secret-of-24-characters;');
    expect(config).toContain('on_publish_done http://127.0.0.1:3000/internal/rtmp/publish-done?secret=a-secret-of-24-characters;');
    expect(config).toContain('on_update http://127.0.0.1:3000/internal/rtmp/update?secret=a-secret-of-24-characters;');
    const relaySecret = deriveRelaySecret('a-secret-of-24-characters');
    expect(config).toContain(`push rtmp://127.0.0.1:1935/hls tcUrl=rtmp://127.0.0.1:1935/hls?relay=${relaySecret};`);
    expect(config).toContain('on_publish http://127.0.0.1:3000/internal/rtmp/relay?secret=a-secret-of-24-characters;');
    expect(config).toContain('hls_path /var/lib/lait/hls;');
    expect(config).not.toContain('user ');
  });

  it('renders a configuration the real nginx with the RTMP module accepts (nginx -t)', async () => {
    const { nginxPath, modulePath } = await findRtmpModule();
    const workDir = await mkdtemp(join(tmpdir(), 'lait-render-'));
    try {
      await mkdir(join(workDir, 'temp'));
      const confPath = join(workDir, 'nginx.conf');
      await writeFile(confPath, renderConfig({ ...BASE, modulePath, workDir, hlsDir: join(workDir, 'hls'), rtmpBindHost: '127.0.0.1', hlsBindHost: '127.0.0.1' }));
      await expect(testConfig(nginxPath, workDir, confPath)).resolves.toBeUndefined();
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });

  it('names the node in every notification of a cluster node, and in none of a single node', () => {
    const config = renderConfig({ ...BASE, nodeId: 'ingest-1' });
    for (const hook of ['publish', 'publish-done', 'update', 'relay']) {
      expect(config).toContain(`/internal/rtmp/${hook}?secret=a-secret-of-24-characters&node=ingest-1;`);
    }
    expect(renderConfig(BASE)).not.toContain('node=');
  });

  it('cuts each fragment\'s audio with its video by default (hls_max_audio_delay 20ms)', () => {
    expect(renderConfig(BASE)).toContain('hls_max_audio_delay 20ms;');
  });

  /** Every `listen` directive's argument, in order: RTMP first, then HLS, then control. */
  const listens = (config: string) => [...config.matchAll(/^\s*listen\s+([^;]+);/gm)].map((m) => m[1]);

  it('binds RTMP and HLS to 0.0.0.0 by default and stat/control to 127.0.0.1', () => {
    expect(listens(renderConfig(BASE))).toEqual(['0.0.0.0:1935', '0.0.0.0:8080', '127.0.0.1:8081']);
  });

  it('puts the configured bind hosts in every public listen, and keeps control on loopback', () => {
    const config = renderConfig({ ...BASE, rtmpBindHost: '10.0.0.5', hlsBindHost: '192.168.1.7' });
    // The extra 127.0.0.1 RTMP listener carries the internal push from `live` into `hls`.
    expect(listens(config)).toEqual(['10.0.0.5:1935', '127.0.0.1:1935', '192.168.1.7:8080', '127.0.0.1:8081']);
    expect(listens(renderConfig({ ...BASE, rtmpBindHost: '127.0.0.1', hlsBindHost: '127.0.0.1' }))).toEqual(['127.0.0.1:1935', '127.0.0.1:8080', '127.0.0.1:8081']);
    // nginx binds [::] IPv6-only, so the push to 127.0.0.1 needs its own listener there too.
    expect(listens(renderConfig({ ...BASE, rtmpBindHost: '::', hlsBindHost: '::1' }))).toEqual(['[::]:1935', '127.0.0.1:1935', '[::1]:8080', '127.0.0.1:8081']);
  });

  it('renders worker account, HLS timing and notify: false', () => {
    const config = renderConfig({ ...BASE, workerUser: { user: 'nobody', group: 'nogroup' }, hls: { fragmentSec: 5, playlistSec: 30 }, notify: false });
    expect(config).toContain('user nobody nogroup;');
    expect(config).toContain('hls_fragment 5s;');
    expect(config).toContain('hls_playlist_length 30s;');
    expect(renderConfig({ ...BASE, hls: { maxAudioDelayMs: 300 } })).toContain('hls_max_audio_delay 300ms;');
    expect(config).toMatch(/# on_publish /);
    expect(config).not.toMatch(/^\s*on_publish /m);
  });

  it.each([
    [{ notifySecret: 'short' }, /notifySecret/],
    [{ notifySecret: 'has spaces and ; semicolons ok' }, /notifySecret/],
    [{ notifyUrl: 'https://example.com' }, /notifyUrl/],
    [{ notifyUrl: 'http://127.0.0.1:3000/?x=1' }, /notifyUrl/],
    [{ workDir: 'relative/dir' }, /workDir/],
    [{ hlsDir: '/tmp/with space' }, /hlsDir/],
    [{ rtmpPort: 70_000 }, /rtmpPort/],
    [{ rtmpBindHost: '1.2.3.4; evil' }, /rtmpBindHost/],
    [{ hlsBindHost: '0.0.0.0:80 default_server' }, /hlsBindHost/],
    [{ hlsBindHost: '0.0.0.0:80' }, /hlsBindHost/],
    [{ nodeId: 'ingest-1;evil' }, /nodeId/],
    [{ nodeId: 'edge-1' }, /nodeId/],
    [{ hls: { maxAudioDelayMs: 2.5 } }, /maxAudioDelayMs/],
    [{ hls: { maxAudioDelayMs: -1 } }, /maxAudioDelayMs/],
  ] satisfies Array<[Partial<RenderOptions>, RegExp]>)('rejects %o', (override, message) => {
    expect(() => renderConfig({ ...BASE, ...override })).toThrow(message);
  });
});
