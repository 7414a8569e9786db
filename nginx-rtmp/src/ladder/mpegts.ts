import { readFile } from 'node:fs/promises';

/** What the ladder needs from one MPEG-TS fragment, read from its bytes (no ffprobe per fragment). */
export interface FragmentInfo {
  bytes: number;
  /** PTS (90 kHz) of the first video PES: the keyframe the fragment starts with. */
  startPts: number | null;
  /** `avc1.PPCCLL` from the first SPS (profile, constraint flags, level). */
  videoCodec: string | null;
  hasAudio: boolean;
}

const PACKET = 188;

function readPts(p: Buffer, at: number): number {
  // 33 bits spread over 5 bytes with marker bits; beyond 32 bits, so no bitwise operators on the whole.
  const high = ((p[at]! >> 1) & 0x07) * 2 ** 30;
  const mid = ((p[at + 1]! << 7) | (p[at + 2]! >> 1)) * 2 ** 15;
  const low = (p[at + 3]! << 7) | (p[at + 4]! >> 1);
  return high + mid + low;
}

function hex(byte: number): string {
  return byte.toString(16).toUpperCase().padStart(2, '0');
}

/** Finds the first SPS (NAL type 7) in an Annex B byte stream. */
export function findAvcCodec(es: Buffer): string | null {
  for (let i = 0; i + 6 < es.length; i += 1) {
    if (es[i] === 0 && es[i + 1] === 0 && es[i + 2] === 1 && (es[i + 3]! & 0x1f) === 7) {
      return `avc1.${hex(es[i + 4]!)}${hex(es[i + 5]!)}${hex(es[i + 6]!)}`;
    }
  }
  return null;
}

export function parseFragment(data: Buffer): FragmentInfo {
  const info: FragmentInfo = { bytes: data.length, startPts: null, videoCodec: null, hasAudio: false };
  let videoPid = -1;
  const es: Buffer[] = [];
  for (let at = 0; at + PACKET <= data.length; at += PACKET) {
    if (data[at] !== 0x47) break;
    const startsUnit = (data[at + 1]! & 0x40) !== 0;
    const pid = ((data[at + 1]! & 0x1f) << 8) | data[at + 2]!;
    const control = (data[at + 3]! >> 4) & 0x03;
    if ((control & 0x01) === 0) continue;
    const payload = at + 4 + ((control & 0x02) !== 0 ? 1 + data[at + 4]! : 0);
    if (payload >= at + PACKET) continue;
    const isPes = startsUnit && data[payload] === 0 && data[payload + 1] === 0 && data[payload + 2] === 1;
    if (isPes) {
      const streamId = data[payload + 3]!;
      if (streamId >= 0xc0 && streamId <= 0xdf) info.hasAudio = true;
      if (streamId >= 0xe0 && streamId <= 0xef && videoPid === -1) {
        videoPid = pid;
        if ((data[payload + 7]! & 0x80) !== 0) info.startPts = readPts(data, payload + 9);
        es.push(data.subarray(payload + 9 + data[payload + 8]!, at + PACKET));
        continue;
      }
      if (pid === videoPid) videoPid = -2; // the first video PES ended
    } else if (pid === videoPid && es.length < 64) {
      es.push(data.subarray(payload, at + PACKET));
    }
    if (videoPid === -2 && info.hasAudio) break;
  }
  info.videoCodec = findAvcCodec(Buffer.concat(es));
  return info;
}

export async function probeFragment(path: string): Promise<FragmentInfo | null> {
  const data = await readFile(path).catch(() => null);
  return data ? parseFragment(data) : null;
}
