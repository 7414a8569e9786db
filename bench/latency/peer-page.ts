import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/report.js';

/** Serves a page that plays `?src=` with hls.js and its default configuration: the peer. */
export async function startPeerPage(): Promise<{ url: string; close(): Promise<void> }> {
  const hlsJs = readFileSync(path.join(ROOT, 'node_modules/hls.js/dist/hls.min.js'));
  const html = `<!doctype html><html><body style="margin:0;background:#000">
<video id="v" muted autoplay playsinline style="width:100%"></video>
<script src="/hls.js"></script>
<script>
  const src = new URLSearchParams(location.search).get('src');
  const hls = new Hls();
  hls.loadSource(src);
  hls.attachMedia(document.getElementById('v'));
  hls.on(Hls.Events.ERROR, (_e, d) => { if (d.fatal) setTimeout(() => { hls.loadSource(src); hls.startLoad(); }, 1000); });
</script></body></html>`;
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/hls.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(hlsJs);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}
