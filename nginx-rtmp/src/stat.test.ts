import { describe, expect, it } from 'vitest';
import { parseStat } from './stat.js';

// Trimmed from a real `rtmp_stat all` page of this config with one ffmpeg publisher.
const XML = `<?xml version="1.0" encoding="utf-8" ?>
<rtmp><nginx_version>1.22.1</nginx_version><nginx_rtmp_version>1.1.4</nginx_rtmp_version><pid>12957</pid><uptime>7</uptime>
<server><application><name>live</name><live><stream><name>pbid42</name>
<time>5541</time><bw_in>412000</bw_in><bytes_in>145028</bytes_in><bw_out>0</bw_out><bytes_out>126659</bytes_out>
<client><id>3</id><address>127.0.0.1:21935/hls</address><time>5541</time><flashver>ngx-local-relay</flashver><dropped>7</dropped><active/></client>
<client><id>1</id><address>127.0.0.1</address><time>5731</time><flashver>FMLE/3.0 (compatible; Lavf59.27</flashver><publishing/><active/></client>
<meta><video><width>320</width><height>240</height><frame_rate>15</frame_rate><codec>H264</codec><profile>Baseline</profile></video><audio><codec>AAC</codec><profile>LC</profile><channels>1</channels><sample_rate>44100</sample_rate></audio></meta>
<nclients>2</nclients><publishing/><active/></stream><nclients>2</nclients></live></application>
<application><name>hls</name><live><stream><name>a&amp;b</name><time>12</time><bw_in>0</bw_in><bytes_in>0</bytes_in><nclients>0</nclients></stream><nclients>0</nclients></live></application>
</server></rtmp>`;

describe('parseStat', () => {
  it('maps each stream of each application', () => {
    expect(parseStat(XML)).toEqual([
      {
        app: 'live',
        name: 'pbid42',
        clientId: 1,
        publishing: true,
        bwInKbps: 412,
        bytesIn: 145028,
        time: 5541,
        video: { width: 320, height: 240, frameRate: 15, codec: 'H264' },
        audio: { codec: 'AAC', channels: 1, sampleRate: 44100 },
        nclients: 2,
        droppedFrames: 7,
      },
      { app: 'hls', name: 'a&b', clientId: null, publishing: false, bwInKbps: 0, bytesIn: 0, time: 12, video: null, audio: null, nclients: 0, droppedFrames: 0 },
    ]);
  });

  it('returns no streams for an idle server', () => {
    expect(parseStat('<rtmp><server><application><name>live</name><live><nclients>0</nclients></live></application></server></rtmp>')).toEqual([]);
  });

  it('rejects a page that is not rtmp_stat XML', () => {
    expect(() => parseStat('<html><body>404</body></html>')).toThrow(/<rtmp>/);
    expect(() => parseStat('<rtmp><server></rtmp>')).toThrow(/unexpected/);
  });
});
