import { createServer, type Server } from 'node:http';
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
});
