import { rename, writeFile } from 'node:fs/promises';

/** One fragment of a media playlist, with the tags that precede it. */
export interface PlaylistEntry {
  sequence: number;
  duration: number;
  /** The EXTINF duration exactly as written, so a rung repeats it to the digit. */
  durationText: string;
  uri: string;
  discontinuity: boolean;
  programDateTime: string | null;
}

export interface MediaPlaylist {
  version: number;
  targetDuration: number;
  mediaSequence: number;
  entries: PlaylistEntry[];
  ended: boolean;
}

/** Parses the media playlists nginx-rtmp writes (VERSION, MEDIA-SEQUENCE, TARGETDURATION, DISCONTINUITY, EXTINF). */
export function parseMediaPlaylist(text: string): MediaPlaylist | null {
  const lines = text.split('\n').map((line) => line.trim());
  if (lines[0] !== '#EXTM3U') return null;
  const playlist: MediaPlaylist = { version: 3, targetDuration: 1, mediaSequence: 0, entries: [], ended: false };
  let pending: { durationText: string | null; discontinuity: boolean; programDateTime: string | null } = {
    durationText: null,
    discontinuity: false,
    programDateTime: null,
  };
  for (const line of lines.slice(1)) {
    if (line.startsWith('#EXT-X-VERSION:')) playlist.version = Number(line.slice(15)) || 3;
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) playlist.targetDuration = Number(line.slice(22)) || 1;
    else if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) playlist.mediaSequence = Number(line.slice(22)) || 0;
    else if (line === '#EXT-X-DISCONTINUITY') pending.discontinuity = true;
    else if (line === '#EXT-X-ENDLIST') playlist.ended = true;
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) pending.programDateTime = line.slice(25);
    else if (line.startsWith('#EXTINF:')) pending.durationText = line.slice(8).split(',')[0] ?? '0';
    else if (line !== '' && !line.startsWith('#') && pending.durationText !== null) {
      playlist.entries.push({
        sequence: playlist.mediaSequence + playlist.entries.length,
        duration: Number(pending.durationText),
        durationText: pending.durationText,
        uri: line,
        discontinuity: pending.discontinuity,
        programDateTime: pending.programDateTime,
      });
      pending = { durationText: null, discontinuity: false, programDateTime: null };
    }
  }
  return playlist;
}

/**
 * A rung's playlist: the source's header, media sequence numbers, durations and DISCONTINUITY /
 * PROGRAM-DATE-TIME lines, for the fragments the rung has (`has`). Only one contiguous run can
 * be listed under one media sequence: the latest run of fragments the rung has.
 */
export function renderRungPlaylist(source: MediaPlaylist, has: (entry: PlaylistEntry) => boolean): string | null {
  let run: PlaylistEntry[] = [];
  let hole = false;
  for (const entry of source.entries) {
    if (!has(entry)) {
      // The newest fragments may still be on their way (or the transcoder restarts): the run stands.
      hole = run.length > 0;
      continue;
    }
    if (hole) run = [];
    hole = false;
    run.push(entry);
  }
  if (run.length === 0) return null;
  const first = run[0]!;
  const lines = ['#EXTM3U', `#EXT-X-VERSION:${source.version}`, `#EXT-X-MEDIA-SEQUENCE:${first.sequence}`, `#EXT-X-TARGETDURATION:${source.targetDuration}`];
  for (const entry of run) {
    if (entry.discontinuity) lines.push('#EXT-X-DISCONTINUITY');
    if (entry.programDateTime) lines.push(`#EXT-X-PROGRAM-DATE-TIME:${entry.programDateTime}`);
    lines.push(`#EXTINF:${entry.durationText},`, entry.uri);
  }
  if (source.ended) lines.push('#EXT-X-ENDLIST');
  return `${lines.join('\n')}\n`;
}

/** One `#EXT-X-STREAM-INF` of the master playlist. */
export interface Variant {
  uri: string;
  bandwidth: number;
  averageBandwidth: number;
  width: number;
  height: number;
  codecs: string[];
  fps: number;
}

export function renderMaster(variants: readonly Variant[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const v of variants) {
    const attributes = [
      `BANDWIDTH=${Math.round(v.bandwidth)}`,
      `AVERAGE-BANDWIDTH=${Math.round(v.averageBandwidth)}`,
      ...(v.width > 0 && v.height > 0 ? [`RESOLUTION=${v.width}x${v.height}`] : []),
      `CODECS="${v.codecs.join(',')}"`,
      ...(v.fps > 0 ? [`FRAME-RATE=${v.fps.toFixed(3)}`] : []),
    ];
    lines.push(`#EXT-X-STREAM-INF:${attributes.join(',')}`, v.uri);
  }
  return `${lines.join('\n')}\n`;
}

/** Write beside, then rename: a player never reads half a playlist. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
