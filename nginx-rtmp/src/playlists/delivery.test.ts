import { describe, expect, it } from 'vitest';
import { decide, parseDirectives, playlistState, SERVER_CONTROL_TAG, withServerControl } from './delivery.js';

const PLAYLIST = ['#EXTM3U', '#EXT-X-VERSION:3', '#EXT-X-MEDIA-SEQUENCE:41', '#EXT-X-TARGETDURATION:1', '#EXTINF:1.000,', '1.ts', '#EXTINF:1.000,', '2.ts', ''].join('\n');

describe('blocking reload directives', () => {
  it('reads _HLS_msn and refuses what is not a sequence number', () => {
    expect(parseDirectives(new URLSearchParams(''))).toEqual({ ok: true, directives: { msn: null } });
    expect(parseDirectives(new URLSearchParams('_HLS_msn=43'))).toEqual({ ok: true, directives: { msn: 43 } });
    expect(parseDirectives(new URLSearchParams('_HLS_msn=43&_HLS_part=0'))).toEqual({ ok: true, directives: { msn: 43 } });
    for (const bad of ['_HLS_msn=-1', '_HLS_msn=4.5', '_HLS_msn=abc', '_HLS_msn=', '_HLS_part=1', '_HLS_msn=1&_HLS_part=x', '_HLS_msn=99999999999']) {
      expect(parseDirectives(new URLSearchParams(bad)).ok, bad).toBe(false);
    }
  });

  it('answers a listed fragment at once, waits for the next two and refuses further ahead', () => {
    const state = playlistState(PLAYLIST)!;
    expect(state).toEqual({ lastMsn: 42, targetDurationSec: 1, ended: false });
    expect(decide(state, null)).toBe('answer');
    expect(decide(state, 41)).toBe('answer');
    expect(decide(state, 42)).toBe('answer');
    expect(decide(state, 43)).toBe('wait');
    expect(decide(state, 44)).toBe('wait');
    expect(decide(state, 45)).toBe('too-far');
    // An ended playlist never gets another fragment: no reason to hold the request.
    expect(decide({ ...state, ended: true }, 44)).toBe('answer');
  });

  it('counts a playlist without fragments as one before its media sequence', () => {
    expect(playlistState('#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-TARGETDURATION:2\n')).toEqual({ lastMsn: 6, targetDurationSec: 2, ended: false });
    expect(playlistState('not a playlist')).toBeNull();
  });

  it('announces blocking reload once, right after #EXTM3U, and keeps the rest as written', () => {
    const served = withServerControl(PLAYLIST);
    expect(served.split('\n').slice(0, 2)).toEqual(['#EXTM3U', SERVER_CONTROL_TAG]);
    expect(served.replace(`${SERVER_CONTROL_TAG}\n`, '')).toBe(PLAYLIST);
    expect(withServerControl(served)).toBe(served);
  });
});
