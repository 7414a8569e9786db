import { NginxRtmpError } from './errors.js';
import { child, children, numberOf, parseXml, textOf, type XmlElement } from './stat-xml.js';

export interface StatVideo {
  width: number;
  height: number;
  frameRate: number;
  /** `H264`, … as nginx-rtmp names it. */
  codec: string;
}

export interface StatAudio {
  codec: string;
  channels: number;
  sampleRate: number;
}

/** One live stream of one RTMP application, as nginx-rtmp's stat page reports it. */
export interface StatStream {
  app: string;
  /** Stream name: the playbackId in both `live` and `hls` (on_publish's 302 rename applies to the stat entry). */
  name: string;
  /** nginx client id of the publisher, `null` while nobody publishes. */
  clientId: number | null;
  publishing: boolean;
  /** Incoming bandwidth, kilobits per second (averaged by nginx-rtmp over ~10 s). */
  bwInKbps: number;
  bytesIn: number;
  /** Milliseconds since the stream appeared. */
  time: number;
  video: StatVideo | null;
  audio: StatAudio | null;
  /** Clients attached to the stream, publisher and relays included. */
  nclients: number;
  /** Frames nginx dropped for this stream's clients (slow readers), summed over its clients. */
  droppedFrames: number;
}

function toVideo(meta: XmlElement | undefined): StatVideo | null {
  const video = child(meta, 'video');
  if (!video) return null;
  return {
    width: numberOf(video, 'width'),
    height: numberOf(video, 'height'),
    frameRate: numberOf(video, 'frame_rate'),
    codec: textOf(video, 'codec'),
  };
}

function toAudio(meta: XmlElement | undefined): StatAudio | null {
  const audio = child(meta, 'audio');
  if (!audio) return null;
  return { codec: textOf(audio, 'codec'), channels: numberOf(audio, 'channels'), sampleRate: numberOf(audio, 'sample_rate') };
}

function toStream(app: string, stream: XmlElement): StatStream {
  const publisher = children(stream, 'client').find((c) => child(c, 'publishing'));
  const meta = child(stream, 'meta');
  return {
    app,
    name: textOf(stream, 'name'),
    clientId: publisher ? numberOf(publisher, 'id') : null,
    publishing: child(stream, 'publishing') !== undefined,
    // nginx-rtmp reports bandwidth in bits per second.
    bwInKbps: numberOf(stream, 'bw_in') / 1000,
    bytesIn: numberOf(stream, 'bytes_in'),
    time: numberOf(stream, 'time'),
    video: toVideo(meta),
    audio: toAudio(meta),
    nclients: numberOf(stream, 'nclients'),
    droppedFrames: children(stream, 'client').reduce((sum, c) => sum + numberOf(c, 'dropped'), 0),
  };
}

/** Parses the XML of `rtmp_stat all` into one entry per stream per application. */
export function parseStat(xml: string): StatStream[] {
  const rtmp = child(parseXml(xml), 'rtmp');
  if (!rtmp) throw new Error('stat XML: no <rtmp> root');
  return children(rtmp, 'server').flatMap((server) =>
    children(server, 'application').flatMap((application) => {
      const app = textOf(application, 'name');
      return children(child(application, 'live'), 'stream').map((stream) => toStream(app, stream));
    }),
  );
}

/**
 * Fetches and parses `/stat` from the loopback control server. `controlUrl` may be its
 * origin (`http://127.0.0.1:8081`) or any URL on it (`…/stat`, `…/control`).
 */
export async function fetchStat(controlUrl: string, timeoutMs = 3000): Promise<StatStream[]> {
  const url = new URL('/stat', controlUrl);
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) {
    throw new NginxRtmpError('NGINX_CONTROL_FAILED', `GET ${url.href} answered ${response.status}`);
  }
  return parseStat(await response.text());
}
