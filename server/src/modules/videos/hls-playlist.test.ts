import { describe, expect, it } from 'vitest';
import { parsePlaylist, writeMasterPlaylist, writeMediaPlaylist } from './hls-playlist.js';

const NGINX_LIVE = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-MEDIA-SEQUENCE:41
#EXT-X-TARGETDURATION:1
#EXTINF:1.000,
1764633601000.ts
#EXT-X-DISCONTINUITY
#EXTINF:0.967,
1764633622000.ts
`;

describe('HLS playlists for VODs', () => {
  it('reads nginx-rtmp live playlists, keeping its discontinuity marks', () => {
    expect(parsePlaylist(NGINX_LIVE)).toEqual({
      kind: 'media',
      ended: false,
      mediaSequence: 41,
      segments: [
        { uri: '1764633601000.ts', durationSec: 1, discontinuity: false },
        { uri: '1764633622000.ts', durationSec: 0.967, discontinuity: true },
      ],
    });
  });

  it('reads a master playlist as its variants', () => {
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720\n720p/index.m3u8\n#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\n360p/index.m3u8\n';
    expect(parsePlaylist(master)).toEqual({
      kind: 'master',
      variants: [
        { attributes: 'BANDWIDTH=3000000,RESOLUTION=1280x720', uri: '720p/index.m3u8' },
        { attributes: 'BANDWIDTH=800000,RESOLUTION=640x360', uri: '360p/index.m3u8' },
      ],
    });
    expect(writeMasterPlaylist([{ attributes: 'BANDWIDTH=1', uri: '0/index.m3u8' }])).toBe('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n0/index.m3u8\n');
  });

  it('writes a finished VOD with ENDLIST and a discontinuity where the broadcast resumed, and an EVENT playlist while it grows', () => {
    const segments = [
      { uri: '000000.ts', durationSec: 1, discontinuity: false },
      { uri: '000001.ts', durationSec: 1.5, discontinuity: false },
      { uri: '000002.ts', durationSec: 1, discontinuity: true },
    ];
    const vod = writeMediaPlaylist(segments, true);
    expect(vod).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(vod).toContain('#EXT-X-TARGETDURATION:2');
    expect(vod.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
    expect(vod).toContain('#EXTINF:1.500,\n000001.ts\n#EXT-X-DISCONTINUITY\n#EXTINF:1.000,\n000002.ts');
    const reread = parsePlaylist(vod);
    expect(reread).toEqual({ kind: 'media', ended: true, mediaSequence: 0, segments });

    const growing = writeMediaPlaylist(segments.slice(0, 1), false);
    expect(growing).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
    expect(growing).not.toContain('#EXT-X-ENDLIST');
  });
});
