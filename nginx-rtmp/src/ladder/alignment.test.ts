import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LadderRungName, LadderStatus } from '@lait/shared';
import { createFixture } from '../test/fixture.js';
import { codecsOf, packetsOf, parseMaster, publishObsLike, type ObsLikeOptions } from '../test/ladder.js';
import { acceptKey } from '../test/notify-stub.js';
import { waitFor } from '../test/wait.js';
import { parseMediaPlaylist, type MediaPlaylist } from './playlist.js';

async function playlistAt(path: string): Promise<MediaPlaylist | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  return text === null ? null : parseMediaPlaylist(text);
}

/** First video PTS and the span of the video in a fragment, in seconds. */
async function videoSpan(file: string): Promise<{ start: number; end: number }> {
  const video = (await packetsOf(file)).filter((p) => p.kind === 'video');
  return { start: Math.min(...video.map((p) => p.pts)), end: Math.max(...video.map((p) => p.pts + p.duration)) };
}

interface Case {
  key: string;
  playbackId: string;
  source: ObsLikeOptions;
  rungs: LadderRungName[];
  expected: Array<{ rung: LadderRungName; resolution: string }>;
  /** Fragments compared in every variant. */
  fragments: number;
}

async function checkLadder(c: Case): Promise<void> {
  const fx = await createFixture(acceptKey(c.key, c.playbackId), { ladder: { capacity: 1, rungs: c.rungs } });
  publishObsLike(`${fx.nginx.urls.rtmp}/${c.key}`, c.source);
  const dir = join(fx.nginx.hlsDir, c.playbackId);
  const frame = 1 / c.source.fps;
  const timeout = 15_000 + c.fragments * c.source.keyframeSec * 1000;
  const made = c.expected.map((e) => e.rung);

  // Fragments are compared as they appear: nginx's 4 s playlist may list only one 4 s fragment.
  const verified = new Set<string>();
  await waitFor(`${c.fragments} fragments aligned in every variant`, async () => {
    const source = await playlistAt(join(dir, 'index.m3u8'));
    const rungs = await Promise.all(made.map((rung) => playlistAt(join(dir, rung, 'index.m3u8'))));
    if (!source || rungs.some((r) => r === null)) return undefined;
    for (const [i, rung] of (rungs as MediaPlaylist[]).entries()) {
      expect(rung.targetDuration).toBe(source.targetDuration);
      // A rung may trail the source by one fragment at most (two reads, so allow one more in between).
      expect(source.entries.at(-1)!.sequence - rung.entries.at(-1)!.sequence, made[i]).toBeLessThanOrEqual(2);
      for (const entry of rung.entries) {
        const twin = source.entries.find((e) => e.uri === entry.uri);
        if (!twin) continue;
        expect(entry.sequence, entry.uri).toBe(twin.sequence);
        expect(entry.durationText, entry.uri).toBe(twin.durationText);
      }
    }
    for (const entry of source.entries) {
      if (verified.has(entry.uri) || !rungs.every((r) => r!.entries.some((x) => x.uri === entry.uri))) continue;
      const reference = await videoSpan(join(dir, entry.uri));
      for (const rung of made) {
        const file = join(dir, rung, entry.uri);
        const span = await videoSpan(file);
        expect(Math.abs(span.start - reference.start), `${rung}/${entry.uri} start`).toBeLessThanOrEqual(frame + 1e-3);
        expect(Math.abs(span.end - span.start - (reference.end - reference.start)), `${rung}/${entry.uri} length`).toBeLessThanOrEqual(frame + 1e-3);
        expect(await codecsOf(file)).toEqual(['aac', 'h264']);
        expect((await packetsOf(file)).find((p) => p.kind === 'video')?.key, `${rung}/${entry.uri} starts on a keyframe`).toBe(true);
      }
      verified.add(entry.uri);
    }
    return verified.size >= c.fragments;
  }, timeout);

  const master = await waitFor('every rung in the master', async () => {
    const text = existsSync(join(dir, 'master.m3u8')) ? await readFile(join(dir, 'master.m3u8'), 'utf8') : '';
    const variants = parseMaster(text);
    return variants.length === made.length + 1 ? variants : undefined;
  });
  expect(master.map((v) => v.uri)).toEqual(['index.m3u8', ...c.expected.map((e) => `${e.rung}/index.m3u8`)]);
  expect(master[0]!.attributes['RESOLUTION']).toBe(`${c.source.width}x${c.source.height}`);
  for (const [i, e] of c.expected.entries()) expect(master[i + 1]!.attributes['RESOLUTION']).toBe(e.resolution);
  for (const variant of master) {
    expect(Number(variant.attributes['BANDWIDTH'])).toBeGreaterThan(50_000);
    expect(Number(variant.attributes['AVERAGE-BANDWIDTH'])).toBeLessThanOrEqual(Number(variant.attributes['BANDWIDTH']));
    expect(variant.attributes['CODECS']).toMatch(/^avc1\.[0-9A-F]{6},mp4a\.40\.2$/);
    expect(Number(variant.attributes['FRAME-RATE'])).toBe(c.source.fps);
  }
  // Lower rungs are cheaper.
  const bandwidths = master.slice(1).map((v) => Number(v.attributes['AVERAGE-BANDWIDTH']));
  expect([...bandwidths].sort((a, b) => b - a)).toEqual(bandwidths);

  const response = await fetch(new URL('/ladder', fx.nginx.urls.control));
  const body = await response.text();
  expect(response.status, body).toBe(200);
  const status = JSON.parse(body) as LadderStatus;
  expect(status.streams.find((s) => s.name === c.playbackId)).toMatchObject({ state: 'transcoding' });
  expect(status.streams[0]!.rungs.every((r) => r.live)).toBe(true);
}

describe('the bitrate ladder', () => {
  it('turns an OBS-like 720p30 stream with 48 kHz audio into source + 480p + 360p, fragment N of each starting at the same PTS', async () => {
    await checkLadder({
      key: 'sk_live_Ladder720Key',
      playbackId: 'pbLadder720',
      source: { width: 1280, height: 720, fps: 30, keyframeSec: 1 },
      rungs: ['720p', '480p', '360p'],
      expected: [{ rung: '480p', resolution: '854x480' }, { rung: '360p', resolution: '640x360' }],
      fragments: 4,
    });
  }, 90_000);

  it.each([2, 4])('keeps rungs aligned with a %i s keyframe interval', async (keyframeSec) => {
    await checkLadder({
      key: `sk_live_LadderGop${keyframeSec}Key`,
      playbackId: `pbLadderGop${keyframeSec}`,
      source: { width: 640, height: 360, fps: 15, keyframeSec },
      rungs: ['240p'],
      expected: [{ rung: '240p', resolution: '426x240' }],
      fragments: 3,
    });
  }, 90_000);
});
