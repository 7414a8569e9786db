import { describe, expect, it } from 'vitest';
import { parseMediaPlaylist, renderMaster, renderRungPlaylist } from './playlist.js';

const SOURCE = `#EXTM3U
#EXT-X-VERSION:3
#EXT-X-MEDIA-SEQUENCE:7
#EXT-X-TARGETDURATION:2
#EXT-X-DISCONTINUITY
#EXTINF:2.021,
100.ts
#EXTINF:2.000,
102.ts
#EXTINF:1.979,
104.ts
#EXTINF:2.000,
106.ts
`;

describe('rung playlists', () => {
  const source = parseMediaPlaylist(SOURCE)!;

  it('repeat the source sequence numbers, durations and discontinuities for the fragments the rung has', () => {
    const text = renderRungPlaylist(source, (e) => e.uri !== '106.ts');
    expect(text).toBe('#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-TARGETDURATION:2\n#EXT-X-DISCONTINUITY\n#EXTINF:2.021,\n100.ts\n#EXTINF:2.000,\n102.ts\n#EXTINF:1.979,\n104.ts\n');
  });

  it('list only the latest contiguous run after a hole (a restarted transcoder)', () => {
    const text = renderRungPlaylist(source, (e) => e.uri !== '102.ts');
    expect(text).toContain('#EXT-X-MEDIA-SEQUENCE:9\n');
    expect(text).not.toContain('100.ts');
    expect(text).toContain('104.ts\n#EXTINF:2.000,\n106.ts');
  });

  it('are not written before the rung has a fragment', () => {
    expect(renderRungPlaylist(source, () => false)).toBeNull();
  });
});

describe('the master playlist', () => {
  it('lists each variant with bandwidth, resolution, codecs and frame rate, in the order given', () => {
    const text = renderMaster([
      { uri: 'index.m3u8', bandwidth: 3_100_000.4, averageBandwidth: 2_900_000, width: 1280, height: 720, codecs: ['avc1.64001F', 'mp4a.40.2'], fps: 30 },
      { uri: '480p/index.m3u8', bandwidth: 1_400_000, averageBandwidth: 1_300_000, width: 854, height: 480, codecs: ['avc1.64001E', 'mp4a.40.2'], fps: 30 },
    ]);
    expect(text.split('\n').slice(3, 7)).toEqual([
      '#EXT-X-STREAM-INF:BANDWIDTH=3100000,AVERAGE-BANDWIDTH=2900000,RESOLUTION=1280x720,CODECS="avc1.64001F,mp4a.40.2",FRAME-RATE=30.000',
      'index.m3u8',
      '#EXT-X-STREAM-INF:BANDWIDTH=1400000,AVERAGE-BANDWIDTH=1300000,RESOLUTION=854x480,CODECS="avc1.64001E,mp4a.40.2",FRAME-RATE=30.000',
      '480p/index.m3u8',
    ]);
  });
});
