/** Just enough of RFC 8216 for nginx-rtmp's live playlists and the VOD playlists made from them. */

export interface MediaSegment {
  uri: string;
  durationSec: number;
  /** `#EXT-X-DISCONTINUITY` before it. */
  discontinuity: boolean;
}

export type ParsedPlaylist =
  | { kind: 'master'; variants: Array<{ attributes: string; uri: string }> }
  | {
      kind: 'media';
      segments: MediaSegment[];
      ended: boolean;
      /** `#EXT-X-MEDIA-SEQUENCE`: the first segment's sequence number (0 when absent). Ladder rungs share the source's. */
      mediaSequence: number;
    };

export function parsePlaylist(text: string): ParsedPlaylist {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.some((l) => l.startsWith('#EXT-X-STREAM-INF:'))) {
    const variants: Array<{ attributes: string; uri: string }> = [];
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const next = lines[i + 1];
      if (line.startsWith('#EXT-X-STREAM-INF:') && next && !next.startsWith('#')) variants.push({ attributes: line.slice('#EXT-X-STREAM-INF:'.length), uri: next });
    }
    return { kind: 'master', variants };
  }
  const segments: MediaSegment[] = [];
  const sequenceLine = lines.find((l) => l.startsWith('#EXT-X-MEDIA-SEQUENCE:'));
  const mediaSequence = sequenceLine ? Number.parseInt(sequenceLine.slice('#EXT-X-MEDIA-SEQUENCE:'.length), 10) || 0 : 0;
  let duration: number | null = null;
  let discontinuity = false;
  for (const line of lines) {
    if (line.startsWith('#EXTINF:')) duration = Number.parseFloat(line.slice('#EXTINF:'.length));
    else if (line === '#EXT-X-DISCONTINUITY') discontinuity = true;
    else if (!line.startsWith('#') && duration !== null && Number.isFinite(duration)) {
      segments.push({ uri: line, durationSec: duration, discontinuity });
      duration = null;
      discontinuity = false;
    }
  }
  return { kind: 'media', segments, ended: lines.includes('#EXT-X-ENDLIST'), mediaSequence };
}

/** A media playlist: `VOD` with ENDLIST once complete, `EVENT` while it still grows. */
export function writeMediaPlaylist(segments: readonly MediaSegment[], complete: boolean): string {
  const target = Math.max(1, ...segments.map((s) => Math.ceil(s.durationSec)));
  const out = ['#EXTM3U', '#EXT-X-VERSION:3', `#EXT-X-PLAYLIST-TYPE:${complete ? 'VOD' : 'EVENT'}`, `#EXT-X-TARGETDURATION:${target}`, '#EXT-X-MEDIA-SEQUENCE:0'];
  segments.forEach((s, i) => {
    if (s.discontinuity && i > 0) out.push('#EXT-X-DISCONTINUITY');
    out.push(`#EXTINF:${s.durationSec.toFixed(3)},`, s.uri);
  });
  if (complete) out.push('#EXT-X-ENDLIST');
  return `${out.join('\n')}\n`;
}

export function writeMasterPlaylist(variants: ReadonlyArray<{ attributes: string; uri: string }>): string {
  return `${['#EXTM3U', ...variants.flatMap((v) => [`#EXT-X-STREAM-INF:${v.attributes}`, v.uri])].join('\n')}\n`;
}
