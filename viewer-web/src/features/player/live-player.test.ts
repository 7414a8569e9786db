import type Hls from 'hls.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeHls } from '../../test/fake-hls';
import { RECOVERY } from './hls-config';
import { createLivePlayer, type LivePlayer } from './live-player';

const URL = 'http://hls.test/hls/x/index.m3u8';

describe('live player recovery', () => {
  let video: HTMLVideoElement;
  let player: LivePlayer;
  const onState = vi.fn();
  const onEnded = vi.fn();

  beforeEach(() => {
    vi.useFakeTimers();
    FakeHls.reset();
    onState.mockClear();
    onEnded.mockClear();
    video = document.createElement('video');
    player = createLivePlayer(video, URL, { onState, onEnded }, { Hls: FakeHls as unknown as typeof Hls });
  });
  afterEach(() => player.destroy());

  const hls = () => FakeHls.latest();
  const lastState = () => onState.mock.calls.at(-1)?.[0];

  it('recovers a media error, then swaps the audio codec on a second one, then rebuilds', () => {
    hls().fatal('MEDIA_ERROR', 'BUFFER_APPEND_ERROR');
    expect(hls().recoverMediaError).toHaveBeenCalledTimes(1);
    expect(hls().swapAudioCodec).not.toHaveBeenCalled();
    expect(lastState()).toBe('recovering');

    hls().fatal('MEDIA_ERROR', 'BUFFER_APPEND_ERROR');
    expect(hls().swapAudioCodec).toHaveBeenCalledTimes(1);
    expect(hls().recoverMediaError).toHaveBeenCalledTimes(2);

    const first = hls();
    first.fatal('MEDIA_ERROR', 'BUFFER_APPEND_ERROR');
    expect(first.destroy).toHaveBeenCalled();
    expect(FakeHls.instances).toHaveLength(2);
    expect(hls().loadSource).toHaveBeenCalledWith(URL);
  });

  it('retries network errors with growing delays and gives up to the API after the limit', () => {
    hls().emit(FakeHls.Events.MANIFEST_PARSED);
    hls().fatal('NETWORK_ERROR', 'FRAG_LOAD_ERROR', 503);
    expect(lastState()).toBe('recovering');
    vi.advanceTimersByTime(999);
    expect(hls().startLoad).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(hls().startLoad).toHaveBeenCalledTimes(1);

    hls().fatal('NETWORK_ERROR', 'FRAG_LOAD_ERROR', 503);
    vi.advanceTimersByTime(1_999);
    expect(hls().startLoad).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(hls().startLoad).toHaveBeenCalledTimes(2);

    for (let i = 2; i < RECOVERY.networkRetries; i++) {
      hls().fatal('NETWORK_ERROR', 'FRAG_LOAD_ERROR', 503);
      vi.advanceTimersByTime(RECOVERY.networkRetryMaxDelayMs);
    }
    expect(onEnded).not.toHaveBeenCalled();
    hls().fatal('NETWORK_ERROR', 'FRAG_LOAD_ERROR', 503);
    expect(onEnded).toHaveBeenCalledWith('network');
    expect(lastState()).toBe('offline');
  });

  it('treats a vanished playlist after a good start as the end of the stream', () => {
    hls().emit(FakeHls.Events.MANIFEST_PARSED);
    hls().fatal('NETWORK_ERROR', 'LEVEL_LOAD_ERROR', 404);
    expect(onEnded).toHaveBeenCalledWith('playlist-gone');
    expect(hls().stopLoad).toHaveBeenCalled();
  });

  it('waits for a playlist that is not written yet when the stream just started', () => {
    hls().fatal('NETWORK_ERROR', 'MANIFEST_LOAD_ERROR', 404);
    expect(onEnded).not.toHaveBeenCalled();
    vi.advanceTimersByTime(RECOVERY.startRetryDelayMs);
    expect(hls().loadSource).toHaveBeenCalledTimes(2);
  });

  it('ends when the playlist carries ENDLIST before playback started', () => {
    hls().emit(FakeHls.Events.LEVEL_LOADED, { details: { live: false } });
    expect(onEnded).toHaveBeenCalledWith('endlist');
  });

  it('reports a live playlist that stopped growing (a dropped publisher), and when it grows again', () => {
    const onStale = vi.fn();
    player.destroy();
    player = createLivePlayer(video, URL, { onState, onEnded, onStale }, { Hls: FakeHls as unknown as typeof Hls });
    const load = (updated: boolean) => hls().emit(FakeHls.Events.LEVEL_LOADED, { details: { live: true, updated } });
    load(true);
    load(false);
    expect(onStale).not.toHaveBeenCalled();
    load(false);
    expect(onStale).toHaveBeenLastCalledWith(true);
    load(false);
    expect(onStale).toHaveBeenCalledTimes(1);
    load(true);
    expect(onStale).toHaveBeenLastCalledWith(false);
    expect(onEnded).not.toHaveBeenCalled();
  });

  it('ignores non-fatal errors, which hls.js retries itself', () => {
    hls().emit(FakeHls.Events.ERROR, { type: 'networkError', details: 'fragLoadError', fatal: false });
    vi.advanceTimersByTime(10_000);
    expect(hls().startLoad).not.toHaveBeenCalled();
    expect(onEnded).not.toHaveBeenCalled();
  });
});
