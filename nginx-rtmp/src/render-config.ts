import { readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { deriveRelaySecret } from './relay-secret.js';

/** Options for {@link renderConfig}. Paths must be absolute. */
export interface RenderOptions {
  /** RTMP ingest port (`rtmp://host:rtmpPort/live/<key>`). */
  rtmpPort: number;
  /** Public HLS HTTP port (`/hls/<playbackId>/index.m3u8`). */
  hlsHttpPort: number;
  /** Loopback-only HTTP port serving `/stat` and `/control`. */
  controlPort: number;
  /** Server base URL that receives `/internal/rtmp/*` notifications, e.g. `http://127.0.0.1:3000`. */
  notifyUrl: string;
  /** Shared secret appended as `?secret=` to every notification. */
  notifySecret: string;
  /** nginx prefix: pid, lock, temp paths and the rendered config live here. */
  workDir: string;
  /** Where the `hls` application writes `<playbackId>/index.m3u8` and segments. */
  hlsDir: string;
  /** Absolute path of `ngx_rtmp_module.so`. */
  modulePath: string;
  /**
   * Address of the public RTMP listener. When it is a specific address other than 127.0.0.1, a
   * second listener on 127.0.0.1 carries the internal push into `hls`. Default `0.0.0.0`.
   */
  rtmpBindHost?: string;
  /** Address of the public HLS listener. Default `0.0.0.0`. The stat/control port is always 127.0.0.1. */
  hlsBindHost?: string;
  /**
   * HLS timing; Lait's low-latency defaults are 1 s fragments in a 4 s playlist.
   * `maxAudioDelayMs` is `hls_max_audio_delay`, 20 ms by default. nginx-rtmp's own default (300)
   * ends every fragment's audio short of its video; bench/latency/diagnose.ts renders it to show that.
   */
  hls?: { fragmentSec?: number; playlistSec?: number; maxAudioDelayMs?: number };
  /**
   * `false` renders no on_publish/on_update/on_publish_done: any name may publish and keeps
   * its name. Only for benchmarks against nginx-rtmp defaults, never for Lait itself. Default true.
   */
  notify?: boolean;
  /**
   * This node's name in a cluster (`ingest-0`, …): every notify call carries it as `&node=`, so
   * the server knows which node holds a stream and whose control page to call. Unset: one node.
   */
  nodeId?: string;
  /**
   * Loopback port of the playlist server (src/playlists) that serves media playlists with blocking
   * reload; unset: nginx serves `index.m3u8` from disk as nginx-rtmp wrote it (benchmark peers).
   */
  playlistPort?: number;
  /** Loopback port of the ladder supervisor's status page, proxied at `<control>/ladder`; unset answers 404 there. */
  ladderStatusPort?: number;
  /** Unprivileged account for worker processes when the master runs as root, e.g. `nobody nogroup`. */
  workerUser?: { user: string; group: string };
}

const TEMPLATE = readFileSync(new URL('../nginx.conf.template', import.meta.url), 'utf8');
/** Listeners that already accept the push to 127.0.0.1 (nginx binds `[::]` IPv6-only). */
const COVERS_LOOPBACK = new Set(['0.0.0.0', '127.0.0.1']);

function assertPort(name: string, value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new RangeError(`${name} must be an integer between 1 and 65535, got ${String(value)}`);
  }
  return String(value);
}

/** Paths go into the config unquoted: refuse anything the nginx parser would split or expand. */
function assertPath(name: string, value: string): string {
  if (!isAbsolute(value) || /[\s;{}'"$#\\]/.test(value)) {
    throw new Error(`${name} must be an absolute path without spaces, quotes, ';', '{', '}', '$', '#' or '\\': ${value}`);
  }
  return value.replace(/\/+$/, '') || '/';
}

function assertHost(name: string, value: string): string {
  if (!/^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F.]*:[0-9a-fA-F.]*:[0-9a-fA-F:.]*|[0-9a-zA-Z.-]+)$/.test(value)) throw new Error(`${name} is not a host name or address: ${value}`);
  return value.includes(':') && !value.startsWith('[') ? `[${value}]` : value;
}

function normaliseNotifyUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`notifyUrl is not a URL: ${value}`);
  }
  // nginx-rtmp's notify client speaks plain HTTP only.
  if (url.protocol !== 'http:' || url.search || url.hash || url.username) {
    throw new Error(`notifyUrl must be a plain http:// base URL without query, fragment or credentials: ${value}`);
  }
  return url.href.replace(/\/+$/, '');
}

function assertSecret(value: string): string {
  // Kept to URL-safe characters so it survives the query string and the unquoted config token.
  if (!/^[A-Za-z0-9._~-]{16,256}$/.test(value)) {
    throw new Error('notifySecret must be 16-256 characters of A-Z a-z 0-9 . _ ~ -');
  }
  return value;
}

/** Same rule as the server's RtmpNotifyQuerySchema and the edge's `/hls/<node>/…` route. */
function renderNodeParam(nodeId: string | undefined): string {
  if (nodeId === undefined) return '';
  if (!/^ingest-[0-9]{1,4}$/.test(nodeId)) throw new Error(`nodeId must read ingest-<number>, got ${nodeId}`);
  return `&node=${nodeId}`;
}

function assertSeconds(name: string, value: number): string {
  if (!Number.isInteger(value) || value < 1 || value > 600) throw new RangeError(`${name} must be whole seconds in 1..600, got ${value}`);
  return `${value}s`;
}

function assertMillis(name: string, value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 10_000) throw new RangeError(`${name} must be whole milliseconds in 0..10000, got ${value}`);
  return `${value}ms`;
}

function renderUser(workerUser: RenderOptions['workerUser']): string {
  if (!workerUser) return '';
  const { user, group } = workerUser;
  if (!/^[a-z_][a-z0-9_-]*$/i.test(user) || !/^[a-z_][a-z0-9_-]*$/i.test(group)) {
    throw new Error(`workerUser must be plain account names: ${user} ${group}`);
  }
  return `user ${user} ${group};`;
}

/**
 * Renders the nginx configuration. Pure: same options, same text; validates every value
 * because the result is fed to nginx unquoted.
 */
export function renderConfig(options: RenderOptions): string {
  const rtmpPort = assertPort('rtmpPort', options.rtmpPort);
  const rtmpHost = assertHost('rtmpBindHost', options.rtmpBindHost ?? '0.0.0.0');
  const listens = [`        listen ${rtmpHost}:${rtmpPort};`];
  // The `live` application pushes to 127.0.0.1, which another address would not cover.
  if (!COVERS_LOOPBACK.has(rtmpHost)) listens.push(`        listen 127.0.0.1:${rtmpPort};`);
  const values: Record<string, string> = {
    modulePath: assertPath('modulePath', options.modulePath),
    userDirective: renderUser(options.workerUser),
    workDir: assertPath('workDir', options.workDir),
    hlsDir: assertPath('hlsDir', options.hlsDir),
    rtmpPort,
    rtmpListen: listens.join('\n'),
    hlsListen: `${assertHost('hlsBindHost', options.hlsBindHost ?? '0.0.0.0')}:${assertPort('hlsHttpPort', options.hlsHttpPort)}`,
    controlPort: assertPort('controlPort', options.controlPort),
    notifyUrl: normaliseNotifyUrl(options.notifyUrl),
    notifySecret: assertSecret(options.notifySecret),
    nodeParam: renderNodeParam(options.nodeId),
    relaySecret: deriveRelaySecret(options.notifySecret),
    notifyOff: options.notify === false ? '# ' : '',
    hlsFragment: assertSeconds('hls.fragmentSec', options.hls?.fragmentSec ?? 1),
    mediaPlaylists: options.playlistPort === undefined
      ? `alias ${assertPath('hlsDir', options.hlsDir)}/$1;`
      // $1 is the matched path; the query carries the delivery directives (_HLS_msn).
      : `proxy_pass http://127.0.0.1:${assertPort('playlistPort', options.playlistPort)}/$1$is_args$args;\n            proxy_read_timeout 15s;`,
    ladderStatus: options.ladderStatusPort === undefined ? 'return 404;' : `proxy_pass http://127.0.0.1:${assertPort('ladderStatusPort', options.ladderStatusPort)}/ladder;`,
    hlsPlaylistLength: assertSeconds('hls.playlistSec', options.hls?.playlistSec ?? 4),
    hlsMaxAudioDelay: assertMillis('hls.maxAudioDelayMs', options.hls?.maxAudioDelayMs ?? 20),
  };
  return TEMPLATE.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`nginx.conf.template uses an unknown placeholder {{${key}}}`);
    return value;
  });
}
