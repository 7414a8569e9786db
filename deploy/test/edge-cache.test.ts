import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsStub, type DnsStub } from '../../scripts/lib/dns-stub.mjs';
import { checkTemplate, startEdge, type EdgeNginx } from './edge-nginx.js';
import { render } from './repo.js';

/** An origin that counts requests per path; segments take 300 ms, like a busy ingest node. */
function startOrigin(host = '127.0.0.1', port = 0): Promise<{ server: Server; url: string; port: number; hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const url = req.url ?? '';
    const n = (hits.get(url) ?? 0) + 1;
    hits.set(url, n);
    const msn = /[?&]_HLS_msn=(\d+)/.exec(url)?.[1];
    if (url.split('?')[0]!.endsWith('.m3u8')) {
      // nginx-rtmp's HLS server sends CORS headers of its own (nginx-rtmp/nginx.conf.template).
      const headers = { 'content-type': 'application/vnd.apple.mpegurl', 'cache-control': 'no-cache', 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Content-Length, Content-Range' };
      // A blocking reload: held until "fragment <msn>" exists, like the ingest's playlist server.
      if (msn !== undefined) setTimeout(() => res.writeHead(200, headers).end(`#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:${msn}\n`), 500);
      else res.writeHead(200, headers).end(`#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:${n}\n`);
    } else if (url.endsWith('.ts') && !url.includes('missing')) {
      setTimeout(() => res.writeHead(200, { 'content-type': 'video/mp2t' }).end(Buffer.alloc(188 * 100, n)), 300);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const bound = (server.address() as AddressInfo).port;
      resolve({ server, url: `http://${host}:${bound}`, port: bound, hits });
    });
  });
}

describe('edge nginx (deploy/edge/edge-templates) in front of an origin', () => {
  let origin: Awaited<ReturnType<typeof startOrigin>>;
  let edge: EdgeNginx;
  beforeAll(async () => {
    origin = await startOrigin();
    edge = await startEdge(origin.url);
  });
  afterAll(async () => {
    await edge?.stop();
    await new Promise((r) => origin?.server.close(r));
  });

  it('sends one Access-Control-Allow-Origin, not the origin\'s and its own (browsers refuse two)', async () => {
    const res = await fetch(`${edge.url}/hls/pb9/index.m3u8`);
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toBe('Content-Length, Content-Range');
  });

  it('sends 50 simultaneous requests for a segment to the origin once (cache lock) and serves it from cache after', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => fetch(`${edge.url}/hls/pb1/seg7.ts`)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const bodies = await Promise.all(responses.map(async (r) => Buffer.from(await r.arrayBuffer())));
    expect(new Set(bodies.map((b) => b[0])).size).toBe(1);
    expect(origin.hits.get('/hls/pb1/seg7.ts')).toBe(1);
    const again = await fetch(`${edge.url}/hls/pb1/seg7.ts`);
    expect(again.headers.get('x-cache-status')).toBe('HIT');
    expect(again.headers.get('cache-control')).toBe('public, max-age=60');
    expect(origin.hits.get('/hls/pb1/seg7.ts')).toBe(1);
  });

  it('keeps a playlist for at most about a second: a burst reaches the origin once, and a fresh copy follows within 2.5 s', async () => {
    const started = Date.now();
    const burst = await Promise.all(Array.from({ length: 30 }, () => fetch(`${edge.url}/hls/pb2/index.m3u8`)));
    expect(burst.every((r) => r.status === 200)).toBe(true);
    expect(burst[0]!.headers.get('cache-control')).toBe('no-cache');
    expect(origin.hits.get('/hls/pb2/index.m3u8')).toBe(1);
    let text = '';
    while (!text.includes('SEQUENCE:2')) {
      if (Date.now() - started > 2500) throw new Error(`playlist still stale after 2.5 s: ${text}`);
      text = await (await fetch(`${edge.url}/hls/pb2/index.m3u8`)).text();
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('passes a blocking reload (_HLS_msn) to the origin once for all viewers waiting on it, and drops any other query', async () => {
    const held = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${edge.url}/hls/pb5/index.m3u8?_HLS_msn=8${i % 2 ? '&nocache=' + i : ''}`)));
    expect(held.every((r) => r.status === 200)).toBe(true);
    const texts = await Promise.all(held.map((r) => r.text()));
    expect(new Set(texts)).toEqual(new Set(['#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:8\n']));
    expect(origin.hits.get('/hls/pb5/index.m3u8?_HLS_msn=8')).toBe(1);
    expect(held[0]!.headers.get('access-control-allow-origin')).toBe('*');
    // The next directive is a new request to the origin; a query without one is the plain playlist.
    expect(await (await fetch(`${edge.url}/hls/pb5/index.m3u8?_HLS_msn=9`)).text()).toContain('SEQUENCE:9');
    await fetch(`${edge.url}/hls/pb5/index.m3u8?cachebust=1`);
    expect([...origin.hits.keys()].filter((k) => k.startsWith('/hls/pb5/')).sort()).toEqual(['/hls/pb5/index.m3u8', '/hls/pb5/index.m3u8?_HLS_msn=8', '/hls/pb5/index.m3u8?_HLS_msn=9']);
  });

  it('refuses anything but <playbackId>/<file>.m3u8|.ts without asking the origin, and does not keep a 404 for long', async () => {
    const before = [...origin.hits.values()].reduce((a, b) => a + b, 0);
    for (const p of ['/hls/pb1/', '/hls/pb1/seg7.mp4', '/hls/../etc/passwd', '/hls/a/b/c.ts', '/stat', '/']) {
      expect((await fetch(`${edge.url}${p}`)).status, p).toBe(404);
    }
    expect([...origin.hits.values()].reduce((a, b) => a + b, 0)).toBe(before);
    expect((await fetch(`${edge.url}/hls/pb3/missing.ts`)).status).toBe(404);
    expect(origin.hits.get('/hls/pb3/missing.ts')).toBe(1);
  });

  it('serves ladder rungs (<playbackId>/<rung>/<file>, rung names from the contract) with the same cache rules', async () => {
    const playlist = await fetch(`${edge.url}/hls/pb4/480p/index.m3u8`);
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('cache-control')).toBe('no-cache');
    const segment = await fetch(`${edge.url}/hls/pb4/480p/17.ts`);
    expect(segment.status).toBe(200);
    expect(segment.headers.get('cache-control')).toBe('public, max-age=60');
    expect((await fetch(`${edge.url}/hls/pb4/master.m3u8`)).status).toBe(200);
    const before = [...origin.hits.values()].reduce((a, b) => a + b, 0);
    for (const p of ['/hls/pb4/999p/index.m3u8', '/hls/pb4/.ladder/1.ts', '/hls/pb4/480p/x/index.m3u8']) {
      expect((await fetch(`${edge.url}${p}`)).status, p).toBe(404);
    }
    expect([...origin.hits.values()].reduce((a, b) => a + b, 0)).toBe(before);
  });
});

describe('nginx templates of the edge image', () => {
  // The values prod gives the edges (the resolver aside: kube-dns does not resolve here).
  const edgeConfig = render('prod').find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'lait-edge-config')!.data!;
  const values = { ...edgeConfig, NGINX_RESOLVER: '127.0.0.1', NGINX_CONTROL_PORT: '8081' };

  it.each(['deploy/edge/edge-templates/edge.conf.template', 'deploy/edge/control-templates/control.conf.template'])('%s passes nginx -t once rendered', (file) => {
    const { ok, output } = checkTemplate(file, values);
    expect(ok, output).toBe(true);
  });

  it('nginx -t catches a broken template (the check can fail)', () => {
    expect(checkTemplate('deploy/edge/control-templates/control.conf.template', { ...values, NGINX_CONTROL_PORT: 'not-a-port' }).ok).toBe(false);
  });
});

describe('edge routing to a named ingest node', () => {
  let nodes: Awaited<ReturnType<typeof startOrigin>>[] = [];
  let dns: DnsStub;
  let edge: EdgeNginx;
  beforeAll(async () => {
    // Two "pods" on one port, told apart by address as cluster DNS tells ingest-0 from ingest-1.
    for (let attempt = 0; nodes.length < 2; attempt++) {
      const first = await startOrigin('127.0.0.1');
      const second = await startOrigin('127.0.0.2', first.port).catch((err: unknown) => {
        // That port is taken on the second address: try another pair.
        first.server.close();
        if (attempt >= 5) throw err;
        return null;
      });
      if (second) nodes = [first, second];
    }
    const first = nodes[0]!;
    dns = await startDnsStub('ingest.lait.test', { 'ingest-0': '127.0.0.1', 'ingest-1': '127.0.0.2' });
    edge = await startEdge(first.url, { resolver: dns.address, ingestDomain: 'ingest.lait.test', ingestPort: first.port });
  });
  afterAll(async () => {
    await edge?.stop();
    await dns?.close();
    await Promise.all(nodes.map((n) => new Promise((r) => n.server.close(r))));
  });

  it('sends /hls/<node>/… to that node by its stable name, and caches per node', async () => {
    expect((await fetch(`${edge.url}/hls/ingest-1/pbx/seg1.ts`)).status).toBe(200);
    expect((await fetch(`${edge.url}/hls/ingest-1/pbx/seg1.ts`)).headers.get('x-cache-status')).toBe('HIT');
    expect(nodes[1]!.hits.get('/hls/pbx/seg1.ts')).toBe(1);
    expect(nodes[0]!.hits.get('/hls/pbx/seg1.ts')).toBeUndefined();
    expect((await fetch(`${edge.url}/hls/ingest-0/pbx/index.m3u8`)).status).toBe(200);
    expect(nodes[0]!.hits.get('/hls/pbx/index.m3u8')).toBe(1);
    const held = await fetch(`${edge.url}/hls/ingest-1/pbx/index.m3u8?_HLS_msn=4`);
    expect(await held.text()).toContain('SEQUENCE:4');
    expect(nodes[1]!.hits.get('/hls/pbx/index.m3u8?_HLS_msn=4')).toBe(1);
    expect(dns.queries).toEqual(expect.arrayContaining(['ingest-1.ingest.lait.test', 'ingest-0.ingest.lait.test']));
  });

  it('answers 502 for a node that does not exist, without touching the others', async () => {
    const res = await fetch(`${edge.url}/hls/ingest-7/pbx/index.m3u8`);
    expect(res.status).toBe(502);
    expect(dns.queries).toContain('ingest-7.ingest.lait.test');
  });
});
