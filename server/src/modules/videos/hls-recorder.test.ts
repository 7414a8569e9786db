import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { HlsRecorder } from './hls-recorder.js';

/** One ingest node's HLS: a live playlist of the named fragments, each fragment's body its name. */
async function node(fragments: string[]): Promise<{ url: string; server: Server; fragments: string[] }> {
  const state = { fragments };
  const server = createServer((req, res) => {
    const name = req.url?.split('/').pop() ?? '';
    if (name === 'index.m3u8') {
      if (state.fragments.length === 0) return res.writeHead(404).end();
      res.end(`#EXTM3U\n#EXT-X-TARGETDURATION:1\n${state.fragments.map((f) => `#EXTINF:1.000,\n${f}\n`).join('')}`);
    } else if (state.fragments.includes(name)) res.end(name);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hls/ingest-0/pb/index.m3u8`, server, fragments: state.fragments };
}

async function until(what: string, fn: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('HlsRecorder', () => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0)) await fn();
  });

  it('follows a stream that comes back on another ingest node, keeping both runs in one VOD with a gap between', async () => {
    const a = await node(['1.ts', '2.ts']);
    const b = await node([]);
    const dir = await mkdtemp(path.join(tmpdir(), 'lait-recorder-'));
    cleanup.push(async () => {
      a.server.close();
      b.server.close();
      await rm(dir, { recursive: true, force: true });
    });
    let where = a.url;
    const recorder = new HlsRecorder({ sourceUrl: a.url, locate: async () => where, dir, pollMs: 20, log: pino({ level: 'silent' }) });
    recorder.start();
    await until('the first run copied', async () => recorder.durationSec === 2);

    // The publisher dropped (node A swept its playlist) and republished through the balancer to node B,
    // whose fragment names start over.
    a.fragments.splice(0);
    b.fragments.push('1.ts', '2.ts', '3.ts');
    where = b.url;
    await until('the second run copied', async () => recorder.durationSec === 5);
    await recorder.finish(1);

    const playlist = await readFile(path.join(dir, 'index.m3u8'), 'utf8');
    expect(playlist.match(/#EXT-X-DISCONTINUITY/g)).toHaveLength(1);
    expect(playlist).toContain('#EXT-X-ENDLIST');
    expect(await readFile(path.join(dir, '000002.ts'), 'utf8')).toBe('1.ts');
  });

  it('records a ladder rung that joins the master after the source, cutting both to the first fragment they share', async () => {
    // The source's fragments 10-13 are live; the 360p rung joins at 12 (same sequence numbers, same media).
    const live = { source: [10, 11, 12, 13], rung: [] as number[], rungInMaster: false };
    const media = (seqs: number[], prefix: string) =>
      `#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:${seqs[0] ?? 0}\n#EXT-X-TARGETDURATION:1\n${seqs.map((n) => `#EXTINF:1.000,\n${prefix}${n}.ts\n`).join('')}`;
    const server = createServer((req, res) => {
      const url = req.url ?? '';
      if (url.endsWith('/master.m3u8')) {
        const rung = live.rungInMaster ? '#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360\n360p/index.m3u8\n' : '';
        return res.end(`#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720\nindex.m3u8\n${rung}`);
      }
      if (url.endsWith('/360p/index.m3u8')) return live.rung.length ? res.end(media(live.rung, 'r')) : res.writeHead(404).end();
      if (url.endsWith('/index.m3u8')) return res.end(media(live.source, 's'));
      res.end(url.split('/').pop());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = await mkdtemp(path.join(tmpdir(), 'lait-recorder-'));
    cleanup.push(async () => {
      server.close();
      await rm(dir, { recursive: true, force: true });
    });
    const sourceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hls/pb/master.m3u8`;
    const recorder = new HlsRecorder({ sourceUrl, dir, pollMs: 20, log: pino({ level: 'silent' }) });
    recorder.start();
    await until('the source copied', async () => recorder.durationSec === 4);

    live.rung.push(12, 13);
    live.rungInMaster = true;
    live.source.push(14);
    await until('the rung joined and the source cut to fragment 12', async () => recorder.durationSec === 3 && recorder.files.length === 5);
    await recorder.finish(1);

    const master = await readFile(path.join(dir, 'index.m3u8'), 'utf8');
    expect(master.match(/#EXT-X-STREAM-INF/g)).toHaveLength(2);
    expect(master).toContain('1/index.m3u8');
    const fragments = async (folder: string) => {
      const text = await readFile(path.join(dir, folder, 'index.m3u8'), 'utf8');
      return Promise.all(text.split('\n').filter((l) => l.endsWith('.ts')).map((f) => readFile(path.join(dir, folder, f), 'utf8')));
    };
    expect(await fragments('0')).toEqual(['s12.ts', 's13.ts', 's14.ts']);
    expect((await fragments('1')).slice(0, 2)).toEqual(['r12.ts', 'r13.ts']);
    // The cut fragments are gone from disk too.
    expect(existsSync(path.join(dir, '0', '000000.ts'))).toBe(false);
  });

  it("does not record the previous broadcast's last fragments that nginx still lists after a republish", async () => {
    const started = Date.now();
    const old = [started - 20_000, started - 19_000].map((t) => `${t}.ts`);
    const fresh = [started + 300, started + 1300].map((t) => `${t}.ts`);
    // A fragment opened a little before the recorded start (another host's clock) still belongs to it.
    const early = `${started - 200}.ts`;
    const live = await node([...old, early, ...fresh]);
    const dir = await mkdtemp(path.join(tmpdir(), 'lait-recorder-'));
    cleanup.push(async () => {
      live.server.close();
      await rm(dir, { recursive: true, force: true });
    });
    const recorder = new HlsRecorder({ sourceUrl: live.url, dir, pollMs: 20, log: pino({ level: 'silent' }), notBeforeMs: started });
    recorder.start();
    await until('the new broadcast copied', async () => recorder.durationSec === 3);
    await recorder.finish(1);
    expect(recorder.durationSec).toBe(3);
    const bodies = await Promise.all(['000000.ts', '000001.ts', '000002.ts'].map((f) => readFile(path.join(dir, f), 'utf8')));
    expect(bodies).toEqual([early, ...fresh]);
  });
});
