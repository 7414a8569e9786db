import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LadderStatus } from '@lait/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LadderLagTracker, ladderHealthFrom } from './ladder-health.js';
import { createNginxIngestControl } from './nginx-ingest-control.js';

const status = (speed: number | null, state: LadderStatus['streams'][number]['state'] = 'transcoding'): LadderStatus => ({
  capacity: 1,
  encoder: 'libx264',
  streams: [{ name: 'pbLadder01', state, cpuCores: 0.3, rungs: [{ name: '480p', width: 854, height: 480, fps: 30, bitrateKbps: 1000, live: true, speed, restarts: 0 }] }],
});

describe('LADDER_BEHIND', () => {
  it('warns only once a rung has stayed below real time for a while, and forgets once it catches up', () => {
    const lag = new LadderLagTracker(10_000);
    const t0 = 1_000_000;
    expect(ladderHealthFrom(status(0.8), 'pbLadder01', lag, t0).warnings).toEqual([]);
    expect(ladderHealthFrom(status(0.9), 'pbLadder01', lag, t0 + 5_000).warnings).toEqual([]);
    expect(ladderHealthFrom(status(0.9), 'pbLadder01', lag, t0 + 10_000).warnings).toEqual(['LADDER_BEHIND']);
    expect(ladderHealthFrom(status(1.2), 'pbLadder01', lag, t0 + 11_000).warnings).toEqual([]);
    expect(ladderHealthFrom(status(0.9), 'pbLadder01', lag, t0 + 12_000).warnings).toEqual([]);
  });

  it('does not count a rung with no speed yet as behind', () => {
    const lag = new LadderLagTracker(0);
    expect(ladderHealthFrom(status(null), 'pbLadder01', lag).warnings).toEqual([]);
    expect(ladderHealthFrom(status(0.5), 'pbLadder01', lag).warnings).toEqual(['LADDER_BEHIND']);
  });

  it('says unknown for a stream the supervisor does not list, and passes at-capacity on as a warning', () => {
    const lag = new LadderLagTracker();
    expect(ladderHealthFrom(status(1), 'pbOther0001', lag).ladder).toEqual({ state: 'unknown', rungs: [] });
    expect(ladderHealthFrom(status(1, 'at-capacity'), 'pbLadder01', lag).warnings).toEqual(['LADDER_AT_CAPACITY']);
  });
});

describe('the node ladder status over HTTP', () => {
  let server: Server;
  let body: unknown = status(1.3);
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url !== '/ladder') return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reads /ladder from the node control URL and refuses what is not a LadderStatus', async () => {
    const ingest = createNginxIngestControl(base, { 'ingest-3': base });
    expect(await ingest.ladderStatus(null)).toEqual(status(1.3));
    expect(await ingest.ladderStatus('ingest-3')).toEqual(status(1.3));
    expect(await ingest.listLadders()).toEqual([status(1.3)]);
    body = { capacity: -1, streams: 'no' };
    await expect(ingest.ladderStatus(null)).rejects.toThrow(/not a LadderStatus/);
    expect(await ingest.listLadders()).toEqual([]);
  });

  it('probes the master playlist of a stream on its node', async () => {
    const hls = createServer((req, res) => res.writeHead(req.url === '/ingest-3/pbReady0001/master.m3u8' ? 200 : 404).end('#EXTM3U\n'));
    await new Promise<void>((resolve) => hls.listen(0, '127.0.0.1', resolve));
    try {
      const ingest = createNginxIngestControl(base, { 'ingest-3': base }, `http://127.0.0.1:${(hls.address() as AddressInfo).port}`);
      expect(await ingest.playlistReady('pbReady0001', 'ingest-3')).toBe(true);
      expect(await ingest.playlistReady('pbReady0001', null)).toBe(false);
      expect(await ingest.playlistReady('pbNotYet001', 'ingest-3')).toBe(false);
    } finally {
      await new Promise<void>((resolve) => hls.close(() => resolve()));
    }
  });
});
