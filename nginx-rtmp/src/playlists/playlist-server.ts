import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LADDER_RUNG_NAMES } from '@lait/shared';
import { decide, parseDirectives, playlistState, withServerControl } from './delivery.js';
import { PlaylistWatches } from './playlist-watch.js';

/** `<playbackId>/index.m3u8` or `<playbackId>/<rung>/index.m3u8`, as nginx's public location allows. */
const MEDIA_PLAYLIST = new RegExp(`^/([A-Za-z0-9_-]+/(?:(?:${LADDER_RUNG_NAMES.join('|')})/)?index\\.m3u8)$`);
/** The spec's hold limit: a server that cannot deliver within three target durations answers anyway. */
const HOLD_TARGET_DURATIONS = 3;

export interface PlaylistServer {
  /** Loopback port nginx proxies media playlists to. */
  port: number;
  /** Playlist files that requests are waiting on now. */
  watching(): number;
  close(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }).end(body);
}

async function answer(req: IncomingMessage, res: ServerResponse, hlsDir: string, watches: PlaylistWatches): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://playlists');
  const match = MEDIA_PLAYLIST.exec(url.pathname);
  if (!match?.[1]) return reply(res, 404, 'not found\n');
  const parsed = parseDirectives(url.searchParams);
  if (!parsed.ok) return reply(res, 400, `${parsed.reason}\n`);
  const path = join(hlsDir, match[1]);
  let text = await readFile(path, 'utf8').catch(() => null);
  let state = text === null ? null : playlistState(text);
  if (text === null || state === null) return reply(res, 404, 'not found\n');
  const { msn } = parsed.directives;
  const decision = decide(state, msn);
  if (decision === 'too-far') return reply(res, 400, `_HLS_msn ${msn} is more than two fragments past the last (${state.lastMsn})\n`);
  if (decision === 'wait') {
    const left = new AbortController();
    res.once('close', () => left.abort());
    const holdMs = HOLD_TARGET_DURATIONS * state.targetDurationSec * 1000;
    text = await watches.wait(path, (next) => decide(next, msn) !== 'wait', holdMs, left.signal);
    if (left.signal.aborted) return;
    state = text === null ? null : playlistState(text);
    // Gone while waiting: the stream ended and nginx swept its playlist.
    if (text === null || state === null) return reply(res, 404, 'not found\n');
  }
  reply(res, 200, withServerControl(text), 'application/vnd.apple.mpegurl');
}

/**
 * Serves the media playlists under `hlsDir` with blocking reload (src/playlists/delivery.ts) on a
 * loopback port; nginx's public HLS location proxies `index.m3u8` here. Segments and master
 * playlists stay with nginx.
 */
export async function startPlaylistServer(hlsDir: string): Promise<PlaylistServer> {
  const watches = new PlaylistWatches();
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed\n');
    answer(req, res, hlsDir, watches).catch(() => {
      if (!res.headersSent) reply(res, 500, 'playlist unavailable\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Port 0 and read back: nothing can take the port between choosing it and listening.
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    watching: () => watches.size,
    async close() {
      watches.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
