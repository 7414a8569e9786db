import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { LadderStatus } from '@lait/shared';
import { createFixture, type Fixture } from '../test/fixture.js';
import { parseMaster, publishObsLike, transcoderPids } from '../test/ladder.js';
import type { NotifyHandler } from '../test/notify-stub.js';
import { waitFor } from '../test/wait.js';
import { parseMediaPlaylist } from './playlist.js';

/** Accepts every `sk_<id>` key as playback id `<id>`; answers the ladder plan with `plan(name)`. */
function acceptAll(plan: (name: string) => unknown = () => undefined): NotifyHandler {
  return ({ path, body, query }) => {
    if (path === '/internal/rtmp/publish') {
      const name = body.get('name') ?? '';
      return name.startsWith('sk_') ? { status: 302, location: name.slice(3) } : { status: 403 };
    }
    if (path === '/internal/rtmp/ladder') {
      const json = plan(query.get('name') ?? '');
      return json === undefined ? { status: 404 } : { status: 200, json };
    }
    return { status: 200 };
  };
}

// 640x360 at 15 fps, 1 s keyframes: one 240p rung, cheap on two cores.
const SMALL = { width: 640, height: 360, fps: 15, keyframeSec: 1 };

async function ladderStatus(fx: Fixture): Promise<LadderStatus> {
  const response = await fetch(new URL('/ladder', fx.nginx.urls.control));
  expect(response.status).toBe(200);
  return (await response.json()) as LadderStatus;
}

async function lastSequence(path: string): Promise<number | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  const playlist = text === null ? null : parseMediaPlaylist(text);
  return playlist?.entries.at(-1)?.sequence ?? null;
}

async function variants(fx: Fixture, name: string): Promise<string[] | undefined> {
  const path = join(fx.nginx.hlsDir, name, 'master.m3u8');
  if (!existsSync(path)) return undefined;
  return parseMaster(await readFile(path, 'utf8')).map((v) => v.uri);
}

describe('ladder supervision', () => {
  it('brings the rungs back within 5 s of a kill -9 of the transcoder while the source keeps advancing', async () => {
    const fx = await createFixture(acceptAll(), { ladder: { capacity: 1, rungs: ['240p'] } });
    publishObsLike(`${fx.nginx.urls.rtmp}/sk_pbKill`, SMALL);
    const dir = join(fx.nginx.hlsDir, 'pbKill');
    await waitFor('240p in the master', async () => (await variants(fx, 'pbKill'))?.includes('240p/index.m3u8'), 20_000);
    const [pid] = await transcoderPids('pbKill');
    expect(pid).toBeDefined();
    const sourceAtKill = (await lastSequence(join(dir, 'index.m3u8')))!;
    const rungAtKill = (await lastSequence(join(dir, '240p', 'index.m3u8')))!;
    process.kill(pid!, 'SIGKILL');
    const killedAt = Date.now();
    await waitFor('a new 240p fragment', async () => ((await lastSequence(join(dir, '240p', 'index.m3u8'))) ?? -1) > rungAtKill + 1, 5000);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(5000);
    expect((await lastSequence(join(dir, 'index.m3u8')))!).toBeGreaterThan(sourceAtKill);
    const [again] = await transcoderPids('pbKill');
    expect(again).toBeDefined();
    expect(again).not.toBe(pid);
    const status = await ladderStatus(fx);
    expect(status.streams[0]?.rungs[0]?.restarts).toBe(1);
    expect((await variants(fx, 'pbKill'))).toContain('240p/index.m3u8');
  }, 60_000);

  it('leaves no ffmpeg behind after 20 publish/stop cycles, nor when nginx stops', async () => {
    const fx = await createFixture(acceptAll(), { ladder: { capacity: 1, rungs: ['240p'] } });
    for (let cycle = 0; cycle < 20; cycle += 1) {
      const publisher = publishObsLike(`${fx.nginx.urls.rtmp}/sk_pbCycle`, SMALL);
      await waitFor(`cycle ${cycle}: transcoder running`, async () => (await transcoderPids('pbCycle')).length === 1, 10_000);
      await publisher.stop();
      await waitFor(`cycle ${cycle}: transcoder gone`, async () => (await transcoderPids('pbCycle')).length === 0, 5000);
    }
    // The supervisor removes the folders right after its ffmpeg exits.
    await waitFor('the ladder folders removed', async () => {
      const work = await readdir(join(fx.nginx.hlsDir, '.ladder')).catch(() => []);
      return work.length === 0 && !existsSync(join(fx.nginx.hlsDir, 'pbCycle', '240p'));
    }, 5000);

    publishObsLike(`${fx.nginx.urls.rtmp}/sk_pbCycle`, SMALL);
    await waitFor('transcoder running', async () => (await transcoderPids('pbCycle')).length === 1, 10_000);
    await fx.nginx.stop();
    expect(await transcoderPids()).toEqual([]);
  }, 180_000);

  it('lists the source alone when LADDER is off', async () => {
    const fx = await createFixture(acceptAll(), { ladder: { rungs: [] } });
    publishObsLike(`${fx.nginx.urls.rtmp}/sk_pbOff`, SMALL);
    expect(await waitFor('master', () => variants(fx, 'pbOff'), 15_000)).toEqual(['index.m3u8']);
    const status = await ladderStatus(fx);
    expect(status.capacity).toBe(0);
    expect(status.streams).toMatchObject([{ name: 'pbOff', state: 'off', rungs: [] }]);
    expect(await transcoderPids('pbOff')).toEqual([]);
  });

  it('lists the source alone when the server plans the stream without a ladder, and asks with the playback id', async () => {
    const fx = await createFixture(acceptAll((name) => ({ enabled: name !== 'pbNoPlan' })), { ladder: { capacity: 2, rungs: ['240p'] } });
    publishObsLike(`${fx.nginx.urls.rtmp}/sk_pbNoPlan`, SMALL);
    expect(await waitFor('master', () => variants(fx, 'pbNoPlan'), 15_000)).toEqual(['index.m3u8']);
    await waitFor('state off', async () => (await ladderStatus(fx)).streams.find((s) => s.name === 'pbNoPlan')?.state === 'off');
    expect(await transcoderPids('pbNoPlan')).toEqual([]);
    const asked = fx.stub.requests.find((r) => r.path === '/internal/rtmp/ladder');
    expect(asked?.query.get('name')).toBe('pbNoPlan');
    expect(asked?.query.get('secret')).toBeTruthy();
  });

  it('gives an audio-only stream a master playlist listing the source alone, without RESOLUTION or avc1', async () => {
    const fx = await createFixture(acceptAll(), { ladder: { capacity: 1, rungs: ['240p'] } });
    const child = spawn('/usr/bin/ffmpeg', [
      '-hide_banner', '-loglevel', 'error', '-nostdin', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
      '-t', '30', '-c:a', 'aac', '-ar', '48000', '-b:a', '128k', '-f', 'flv', `${fx.nginx.urls.rtmp}/sk_pbAudio`,
    ], { stdio: 'ignore' });
    onTestFinished(() => void child.kill('SIGKILL'));
    const path = join(fx.nginx.hlsDir, 'pbAudio', 'master.m3u8');
    const master = await waitFor('master', async () => (existsSync(path) ? parseMaster(await readFile(path, 'utf8')) : undefined), 20_000);
    expect(master.map((v) => v.uri)).toEqual(['index.m3u8']);
    expect(master[0]!.attributes['CODECS']).toBe('mp4a.40.2');
    expect(master[0]!.attributes['RESOLUTION']).toBeUndefined();
    expect((await ladderStatus(fx)).streams).toMatchObject([{ name: 'pbAudio', state: 'source-only' }]);
  });

  it.each([0, 1])('at capacity %i, the stream beyond it stays source-only with state at-capacity', async (capacity) => {
    const fx = await createFixture(acceptAll(), { ladder: { capacity, rungs: ['240p'] } });
    publishObsLike(`${fx.nginx.urls.rtmp}/sk_pbCapA`, SMALL);
    if (capacity === 1) await waitFor('first stream transcoding', async () => (await ladderStatus(fx)).streams.find((s) => s.name === 'pbCapA')?.state === 'transcoding', 15_000);
    publishObsLike(`${fx.nginx.urls.rtmp}/sk_pbCapB`, SMALL);
    const beyond = capacity === 1 ? 'pbCapB' : 'pbCapA';
    await waitFor('at-capacity', async () => (await ladderStatus(fx)).streams.find((s) => s.name === beyond)?.state === 'at-capacity', 15_000);
    expect(await waitFor('master', () => variants(fx, beyond), 15_000)).toEqual(['index.m3u8']);
    expect(await transcoderPids(beyond)).toEqual([]);
    const status = await ladderStatus(fx);
    expect(status.capacity).toBe(capacity);
    expect(status.streams.filter((s) => s.state === 'transcoding')).toHaveLength(capacity);
  });
});
