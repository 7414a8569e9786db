import { parseMediaPlaylist } from '../ladder/playlist.js';

/**
 * Blocking playlist reload, the delivery directive of HLS (RFC 8216bis §6.2.5.2) that Lait serves
 * without partial segments: a request for `?_HLS_msn=N` is answered once fragment N is listed, so
 * a player learns of a fragment when it is written instead of up to one polling interval later.
 * @see https://datatracker.ietf.org/doc/html/draft-pantos-hls-rfc8216bis#section-6.2.5.2
 */
export const SERVER_CONTROL_TAG = '#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES';

export type DeliveryDirectives = { msn: number | null };

export type DirectivesResult = { ok: true; directives: DeliveryDirectives } | { ok: false; reason: string };

const UINT = /^(0|[1-9][0-9]{0,9})$/;

/** `_HLS_msn` (and `_HLS_part`, which needs it; Lait lists no parts, so a part only waits for its segment). */
export function parseDirectives(query: URLSearchParams): DirectivesResult {
  const msn = query.get('_HLS_msn');
  const part = query.get('_HLS_part');
  if (msn === null) return part === null ? { ok: true, directives: { msn: null } } : { ok: false, reason: '_HLS_part without _HLS_msn' };
  if (!UINT.test(msn)) return { ok: false, reason: '_HLS_msn must be a non-negative integer' };
  if (part !== null && !UINT.test(part)) return { ok: false, reason: '_HLS_part must be a non-negative integer' };
  return { ok: true, directives: { msn: Number(msn) } };
}

export interface PlaylistState {
  /** Media sequence number of the last listed fragment; mediaSequence - 1 when none is listed yet. */
  lastMsn: number;
  targetDurationSec: number;
  ended: boolean;
}

export function playlistState(text: string): PlaylistState | null {
  const playlist = parseMediaPlaylist(text);
  if (!playlist) return null;
  return {
    lastMsn: playlist.mediaSequence + playlist.entries.length - 1,
    targetDurationSec: playlist.targetDuration,
    ended: playlist.ended,
  };
}

/** The playlist as written, with the server-control tag after `#EXTM3U` (a media playlist tag, once). */
export function withServerControl(text: string): string {
  if (text.includes('#EXT-X-SERVER-CONTROL:')) return text;
  const newline = text.indexOf('\n');
  return newline < 0 ? `${text}\n${SERVER_CONTROL_TAG}\n` : `${text.slice(0, newline + 1)}${SERVER_CONTROL_TAG}\n${text.slice(newline + 1)}`;
}

export type BlockingDecision = 'answer' | 'wait' | 'too-far';

/**
 * What to do with a request for `msn` against the playlist as it stands. The spec's limit: more
 * than two segments past the last one is a 400 at once (the client's idea of the stream is wrong).
 */
export function decide(state: PlaylistState, msn: number | null): BlockingDecision {
  if (msn === null || state.ended || state.lastMsn >= msn) return 'answer';
  return msn > state.lastMsn + 2 ? 'too-far' : 'wait';
}
