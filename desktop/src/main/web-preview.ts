/**
 * `npm run web -w desktop`: the desktop app without Electron, to try it in Chrome on this
 * computer — the same renderer build, main process (engine, account, chat) and IPC contract,
 * over the loopback WebSocket bridge. Screen sharing goes through Chrome's own picker.
 * Development and review only; the shipped app is the Electron shell.
 */
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFfmpeg } from './broadcast/ffmpeg-path.js';
import { loadConfig } from './config.js';
import { startHeadlessDesktop } from './headless.js';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };
const rendererDir = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../out/renderer');

async function main() {
  const port = Number(/^--port=(\d+)$/.exec(process.argv[2] ?? '')?.[1] ?? 5190);
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`No renderer build in ${rendererDir}: run npm run build -w desktop`);
  const config = loadConfig();
  const ffmpeg = resolveFfmpeg({ configured: config.LAIT_FFMPEG_PATH, envPath: config.PATH });
  const dataDir = join(homedir(), '.lait-desktop-web');
  mkdirSync(dataDir, { recursive: true });
  const origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const app = await startHeadlessDesktop({
    ffmpegPath: ffmpeg?.path ?? null, dataDir, allowedOrigins: origins,
    settings: { serverUrl: config.LAIT_SERVER_URL, rtmpUrl: config.LAIT_RTMP_URL },
    openExternal: (url) => console.log(`\n카카오 로그인 / Kakao sign-in: open ${url}\n`),
  });
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = join(rendererDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(rendererDir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  server.listen(port, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  console.log(`Lait desktop (web preview) — ffmpeg: ${ffmpeg?.path ?? 'not found'}, recordings: ${app.recordDir}`);
  console.log(`Open in Chrome: ${origins[0]}/?lait-bridge=${encodeURIComponent(app.bridgeUrl)}`);
  const stop = () => void app.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
