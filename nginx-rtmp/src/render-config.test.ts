import { describe, expect, it } from 'vitest';
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
    expect(config).toContain('push rtmp://127.0.0.1:1935/hls;');
    expect(config).toContain('hls_path /var/lib/lait/hls;');
    expect(config).toContain('listen 127.0.0.1:8081;');
    expect(config).toContain('listen 0.0.0.0:8080;');
    expect(config).not.toContain('user ');
  });

  it('is pure: the same options give the same text', () => {
    expect(renderConfig(BASE)).toBe(renderConfig({ ...BASE }));
  });

  it('adds a loopback RTMP listener when bound to a specific address, for the internal push', () => {
    const config = renderConfig({ ...BASE, bindHost: '10.0.0.5' });
    expect(config).toContain('listen 10.0.0.5:1935;');
    expect(config).toContain('listen 127.0.0.1:1935;');
    expect(config).toContain('listen 10.0.0.5:8080;');
  });

  it('renders worker account, HLS timing and notify: false', () => {
    const config = renderConfig({ ...BASE, workerUser: { user: 'nobody', group: 'nogroup' }, hls: { fragmentSec: 5, playlistSec: 30 }, notify: false });
    expect(config).toContain('user nobody nogroup;');
    expect(config).toContain('hls_fragment 5s;');
    expect(config).toContain('hls_playlist_length 30s;');
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
    [{ bindHost: '1.2.3.4; evil' }, /bindHost/],
  ] satisfies Array<[Partial<RenderOptions>, RegExp]>)('rejects %o', (override, message) => {
    expect(() => renderConfig({ ...BASE, ...override })).toThrow(message);
  });
});
