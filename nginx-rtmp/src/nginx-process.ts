import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NginxRtmpError } from './errors.js';
import { findRtmpModule } from './find-module.js';
import { createStderrTail, type StderrTail } from './stderr-tail.js';
import { getFreePort, isPortFree, waitForPorts } from './ports.js';
import { LADDER_ENV } from './env.js';
import { startLadderSupervisor, type LadderOptions, type LadderStatusSnapshot, type LadderSupervisor } from './ladder/supervisor.js';
import { startPlaylistServer, type PlaylistServer } from './playlists/playlist-server.js';
import { renderConfig, type RenderOptions } from './render-config.js';
import { killGroup, killStaleNginx } from './stale-nginx.js';
import { testConfig } from './test-config.js';
import { grantWorkerAccess, resolveWorkerAccount } from './worker-user.js';

/** Reported when nginx exits without being asked to (crash, kill, fatal error). */
export interface NginxExitEvent {
  type: 'nginx:exited';
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Last lines nginx wrote to stderr. */
  stderrTail: string;
}

export interface StartOptions extends Omit<RenderOptions, 'modulePath' | 'workerUser' | 'ladderStatusPort' | 'playlistPort'> {
  /**
   * Serve media playlists with blocking reload (src/playlists). Default true; `false` lets nginx
   * serve them as nginx-rtmp writes them (benchmark peers: nginx-rtmp's defaults).
   */
  blockingPlaylists?: boolean;
  /**
   * The adaptive bitrate ladder (src/ladder): a Node supervisor transcodes each stream into the
   * rungs below its height and writes `master.m3u8`. Defaults from LADDER, LADDER_CAPACITY and
   * FFMPEG_PATH; `false` runs no supervisor at all (no master playlist either).
   */
  ladder?: LadderOptions | false;
  /** Defaults to what {@link findRtmpModule} discovers. */
  modulePath?: string;
  nginxPath?: string;
  /** How long to wait for the ports to accept. Default 10 s. */
  startTimeoutMs?: number;
  /** How long stop() waits after SIGTERM before it SIGKILLs the process group. Default 5 s. */
  stopTimeoutMs?: number;
  onUnexpectedExit?: (event: NginxExitEvent) => void;
  /** Every stderr line (error_log is at `warn`, so no stream names or keys). */
  onLog?: (line: string) => void;
}

export interface NginxUrls {
  /** Ingest base: publish to `${rtmp}/<streamKey>`. */
  rtmp: string;
  /** Public HLS base: `${hls}/<playbackId>/index.m3u8`. */
  hls: string;
  stat: string;
  control: string;
}

export interface NginxHandle {
  stop(): Promise<void>;
  /** Full stop and start on the same ports; publishers are disconnected and must reconnect. */
  restart(): Promise<void>;
  readonly urls: NginxUrls;
  readonly hlsDir: string;
  readonly workDir: string;
  /** Master pid of the current nginx (changes on restart). */
  readonly pid: number;
  stderrTail(): string;
  /** The ladder supervisor's status (the same JSON as `<control>/ladder`); null with `ladder: false`. */
  ladderStatus(): LadderStatusSnapshot | null;
}

function localHost(bindHost: string | undefined): string {
  if (!bindHost || bindHost === '0.0.0.0') return '127.0.0.1';
  if (bindHost === '::' || bindHost === '[::]') return '::1';
  return bindHost.replace(/^\[|\]$/g, '');
}

function urlHost(bindHost: string | undefined): string {
  const host = localHost(bindHost);
  return host.includes(':') ? `[${host}]` : host;
}

/** Where each listener accepts connections from this machine. */
function listeners(options: StartOptions): Array<{ host: string; port: number }> {
  return [
    { host: localHost(options.rtmpBindHost), port: options.rtmpPort },
    { host: localHost(options.hlsBindHost), port: options.hlsHttpPort },
    { host: '127.0.0.1', port: options.controlPort },
  ];
}

function buildUrls(options: StartOptions): NginxUrls {
  const control = `http://127.0.0.1:${options.controlPort}`;
  return {
    rtmp: `rtmp://${urlHost(options.rtmpBindHost)}:${options.rtmpPort}/live`,
    hls: `http://${urlHost(options.hlsBindHost)}:${options.hlsHttpPort}/hls`,
    stat: `${control}/stat`,
    control: `${control}/control`,
  };
}

async function prepare(options: StartOptions): Promise<{ nginxPath: string; confPath: string }> {
  const located = await findRtmpModule({ nginxPath: options.nginxPath, modulePath: options.modulePath });
  // o+x only: nginx creates the per-purpose temp folders inside, owned by the worker account.
  await mkdir(join(options.workDir, 'temp'), { recursive: true, mode: 0o711 });
  await mkdir(options.hlsDir, { recursive: true });
  const account = await resolveWorkerAccount();
  if (account) await grantWorkerAccess(account, options.workDir, options.hlsDir);
  const config = renderConfig({
    ...options,
    modulePath: located.modulePath,
    workerUser: account ? { user: account.user, group: account.group } : undefined,
  });
  const confPath = join(options.workDir, 'nginx.conf');
  // The config holds the notify secret.
  await writeFile(confPath, config, { mode: 0o600 });
  await testConfig(located.nginxPath, options.workDir, confPath);
  return { nginxPath: located.nginxPath, confPath };
}

async function assertPortsFree(options: StartOptions): Promise<void> {
  for (const { host: h, port } of listeners(options)) {
    if (!(await isPortFree(h, port))) throw new NginxRtmpError('NGINX_PORT_IN_USE', `port ${h}:${port} is already in use`);
  }
}

/** Signals the whole process group (master, workers, cache manager); nginx runs detached as its leader. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  const timer = AbortSignal.timeout(timeoutMs);
  return once(child, 'exit', { signal: timer }).then(
    () => true,
    () => false,
  );
}

/**
 * SIGTERM (fast shutdown), then SIGKILL to the group. Not SIGQUIT: a graceful shutdown waits
 * for open connections, and an RTMP publisher never closes on its own (measured: stuck until killed).
 */
async function terminate(child: ChildProcess, graceMs: number): Promise<void> {
  signalGroup(child, 'SIGTERM');
  if (!(await waitExit(child, graceMs))) {
    signalGroup(child, 'SIGKILL');
    await waitExit(child, 2000);
  }
  // The master reaps its workers before exiting; sweep the group anyway in case it was killed.
  if (child.pid !== undefined) await killGroup(child.pid);
}

interface Running {
  child: ChildProcess;
  expectedExit: boolean;
}

function spawnNginx(nginxPath: string, options: StartOptions, confPath: string, tail: StderrTail): Running {
  // `daemon off; master_process on;` live in the config (so no -g): nginx stays our child.
  // cwd marks every process of this nginx as belonging to workDir (see findStaleNginx).
  const child = spawn(nginxPath, ['-p', `${options.workDir}/`, '-c', confPath], {
    cwd: options.workDir,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const running: Running = { child, expectedExit: false };
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => tail.push(chunk));
  child.once('exit', (code, signal) => {
    if (running.expectedExit || child.pid === undefined) return;
    // A master killed with SIGKILL leaves its worker serving and holding the ports: end the
    // group before reporting, so whoever restarts nginx finds the ports free.
    void killGroup(child.pid).catch(() => false).then(() => {
      options.onUnexpectedExit?.({ type: 'nginx:exited', code, signal, stderrTail: tail.text() });
    });
  });
  return running;
}

async function launch(options: StartOptions, tail: StderrTail): Promise<Running> {
  const killed = await killStaleNginx(options.workDir);
  if (killed.length > 0) tail.push(`lait: killed nginx processes left by an earlier run in this work dir: ${killed.join(', ')}\n`);
  await assertPortsFree(options);
  const { nginxPath, confPath } = await prepare(options);
  const running = spawnNginx(nginxPath, options, confPath, tail);
  let spawnError: Error | null = null;
  running.child.once('error', (error) => (spawnError = error));
  const up = await waitForPorts(
    listeners(options),
    Date.now() + (options.startTimeoutMs ?? 10_000),
    () => spawnError !== null || running.child.exitCode !== null || running.child.signalCode !== null,
  );
  if (up) return running;
  running.expectedExit = true;
  await terminate(running.child, 500);
  const reason = spawnError ? `nginx could not be spawned: ${String(spawnError)}` : 'nginx did not start listening';
  throw new NginxRtmpError('NGINX_START_FAILED', reason, tail.text());
}

/**
 * Renders the config into `workDir`, validates it with `nginx -t`, starts nginx as a child
 * and resolves once the RTMP, HLS and control ports accept connections.
 */
export async function startNginx(startOptions: StartOptions): Promise<NginxHandle> {
  const ladderStatusPort = startOptions.ladder === false ? undefined : await getFreePort();
  const playlists: PlaylistServer | null = startOptions.blockingPlaylists === false ? null : await startPlaylistServer(startOptions.hlsDir);
  const options = { ...startOptions, ladderStatusPort, playlistPort: playlists?.port };
  const tail = createStderrTail(options.onLog);
  let running = await launch(options, tail).catch(async (error: unknown) => {
    await playlists?.close();
    throw error;
  });
  let ladder: LadderSupervisor | null = null;
  if (startOptions.ladder !== false && ladderStatusPort !== undefined) {
    const chosen = startOptions.ladder ?? {};
    ladder = await startLadderSupervisor({
      rungs: chosen.rungs ?? LADDER_ENV.rungs,
      capacity: chosen.capacity ?? LADDER_ENV.capacity,
      ffmpegPath: chosen.ffmpegPath ?? LADDER_ENV.ffmpegPath,
      pollMs: chosen.pollMs ?? 300,
      onTranscoderExit: chosen.onTranscoderExit,
      controlUrl: buildUrls(options).control,
      rtmpPort: options.rtmpPort,
      hlsDir: options.hlsDir,
      statusPort: ladderStatusPort,
      plan: options.notify === false ? null : { notifyUrl: options.notifyUrl.replace(/\/+$/, ''), secret: options.notifySecret, nodeId: options.nodeId },
    }).catch(async (error: unknown) => {
      running.expectedExit = true;
      await terminate(running.child, 500);
      await playlists?.close();
      throw error;
    });
  }
  // A synchronous last resort: 'exit' handlers cannot wait, so the group gets SIGTERM.
  const onParentExit = (): void => {
    ladder?.killNow();
    signalGroup(running.child, 'SIGTERM');
  };
  process.on('exit', onParentExit);
  const graceMs = options.stopTimeoutMs ?? 5000;
  const stopCurrent = async (): Promise<void> => {
    running.expectedExit = true;
    await terminate(running.child, graceMs);
  };
  return {
    urls: buildUrls(options),
    hlsDir: options.hlsDir,
    workDir: options.workDir,
    get pid() {
      return running.child.pid ?? -1;
    },
    stderrTail: () => tail.text(),
    ladderStatus: () => ladder?.status() ?? null,
    async stop() {
      process.off('exit', onParentExit);
      // Transcoders first: they read from nginx and would only retry against a closed port.
      await ladder?.stop();
      await stopCurrent();
      await playlists?.close();
    },
    async restart() {
      await stopCurrent();
      running = await launch(options, tail);
      if (!process.listeners('exit').includes(onParentExit)) process.on('exit', onParentExit);
    },
  };
}
