#!/usr/bin/env node
// `npm start`: installs what is missing, builds, and runs the server and nginx-rtmp until Ctrl-C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail, say, warn } from './lib/log.mjs';
import { followLog } from './lib/server-log.mjs';
import { forgetServer, recordServer, stopStaleServer } from './lib/stale-server.mjs';
import { ensureSystem } from './lib/system.mjs';
import { ROOT, build, ensureNodeModules } from './lib/workspace.mjs';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const rtmpPort = Number(env.RTMP_PORT ?? 1935);
const hlsPort = Number(env.HLS_PORT ?? 8080);
const controlPort = Number(env.NGINX_CONTROL_PORT ?? 8081);
// Public listeners default to every address (viewers and OBS come from other machines); nginx's
// stat/control port is always 127.0.0.1. Set each to 127.0.0.1 to keep it off the network.
const host = env.HOST || '0.0.0.0';
const rtmpBindHost = env.RTMP_BIND_HOST || '0.0.0.0';
const hlsBindHost = env.HLS_BIND_HOST || '0.0.0.0';
const publicHost = env.PUBLIC_HOST ?? 'localhost';
const dataDir = path.resolve(env.DATA_DIR ?? path.join(ROOT, 'data'));
// Request logs and the rest go to DATA_DIR/logs/server.log; the console shows warnings and errors.
const verbose = process.argv.includes('--verbose');

async function main() {
  ensureSystem(['nginx', 'ffmpeg']);
  ensureNodeModules();
  build(['@lait/server', '@lait/viewer-web']);

  const secret = env.RTMP_NOTIFY_SECRET ?? randomBytes(24).toString('base64url');
  const serverEnv = {
    ...env,
    HOST: host,
    PORT: String(port),
    DATA_DIR: dataDir,
    RTMP_NOTIFY_SECRET: secret,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://${publicHost}:${port}`,
    HLS_PUBLIC_URL: env.HLS_PUBLIC_URL ?? `http://${publicHost}:${hlsPort}/hls`,
    RTMP_PUBLIC_URL: env.RTMP_PUBLIC_URL ?? `rtmp://${publicHost}:${rtmpPort}/live`,
    NGINX_CONTROL_URL: `http://127.0.0.1:${controlPort}`,
    HLS_INTERNAL_URL: env.HLS_INTERNAL_URL ?? `http://${localHost(hlsBindHost)}:${hlsPort}/hls`,
  };
  const serverLocalUrl = `http://${localHost(host)}:${port}`;

  const serverEntry = path.join(ROOT, 'server/dist/server.js');
  const serverPidFile = path.join(dataDir, 'server.pid');
  mkdirSync(dataDir, { recursive: true });
  await stopStaleServer(serverPidFile, serverEntry);
  const logFile = path.join(dataDir, 'logs', 'server.log');
  mkdirSync(path.dirname(logFile), { recursive: true });
  // The server owns its log fd: it keeps logging if this script is killed, as it keeps serving.
  const server = spawn(process.execPath, [serverEntry], { env: serverEnv, stdio: ['ignore', openSync(logFile, 'a'), 'inherit'] });
  const stopFollowing = followLog(logFile, verbose ? 0 : 40);
  recordServer(serverPidFile, server.pid);
  const { startNginx } = await import(pathToFileURL(path.join(ROOT, 'nginx-rtmp/dist/index.js')).href);
  const workDir = path.join(dataDir, 'nginx');
  mkdirSync(workDir, { recursive: true });
  let nginx;
  let stopping = false;
  const restarts = [];
  const onNginxExit = (event) => {
    if (!nginx || stopping) return;
    warn(`nginx-rtmp exited (code ${event.code}, signal ${event.signal}):\n${event.stderrTail}`);
    // Restart it, unless it keeps dying: then stop everything rather than loop.
    restarts.push(Date.now());
    if (restarts.filter((t) => t > Date.now() - 60_000).length > 3) return void stop(1);
    nginx.restart().then(
      () => say('nginx-rtmp restarted; publishers reconnect.'),
      (err) => {
        warn(`nginx-rtmp did not restart: ${err.message}`);
        void stop(1);
      },
    );
  };
  try {
    nginx = await startNginx({
      rtmpPort,
      hlsHttpPort: hlsPort,
      controlPort,
      rtmpBindHost,
      hlsBindHost,
      notifyUrl: serverLocalUrl,
      notifySecret: secret,
      workDir,
      hlsDir: path.join(dataDir, 'hls'),
      onUnexpectedExit: onNginxExit,
    });
  } catch (err) {
    server.kill('SIGTERM');
    fail(`nginx-rtmp did not start: ${err.message}`);
  }

  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    await nginx.stop().catch(() => {});
    server.kill('SIGTERM');
    stopFollowing();
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
    forgetServer(serverPidFile);
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.on('exit', (code) => {
    if (!stopping) {
      warn(`The server exited (code ${code}); stopping nginx too.`);
      void stop(code ?? 1);
    }
  });

  await waitForHealth(`${serverLocalUrl}/api/health`, logFile);
  say('Lait is running. Ctrl-C stops everything.');
  console.log(`
  \x1b[1mStart here:\x1b[0m open ${serverEnv.PUBLIC_URL}/signup and create your account. Your channel, its
  stream key and the OBS settings are on the dashboard (${serverEnv.PUBLIC_URL}/dashboard).

  Site and API   ${serverEnv.PUBLIC_URL}          (API docs: ${serverEnv.PUBLIC_URL}/api/docs)
  RTMP ingest    ${serverEnv.RTMP_PUBLIC_URL}     (OBS "Server"; the stream key goes in "Stream Key")
  HLS            ${serverEnv.HLS_PUBLIC_URL}/<playbackId>/master.m3u8
  Listening on   site ${host}:${port}, RTMP ${rtmpBindHost}:${rtmpPort}, HLS ${hlsBindHost}:${hlsPort}; nginx stat/control 127.0.0.1:${controlPort}
  Database       ${env.DATABASE_URL ? redactUrl(env.DATABASE_URL) : `SQLite in ${dataDir}`}${env.REDIS_URL ? `, Redis ${redactUrl(env.REDIS_URL)}` : ', in-process state (no Redis)'}
  Server log     ${logFile}${verbose ? '' : '  (warnings and errors show here; npm start -- --verbose shows every line)'}

  For operators and scripts, the same database from the command line (DATA_DIR and DATABASE_URL as above):
      npx lait channel create mychannel --title "My first stream"
`);
}

/** A URL without its password, for the console. */
function redactUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

/** How this machine reaches a listener bound to `bindHost` (a wildcard means loopback). */
function localHost(bindHost) {
  if (bindHost === '0.0.0.0') return '127.0.0.1';
  if (bindHost === '::' || bindHost === '[::]') return '[::1]';
  return bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
}

async function waitForHealth(url, logFile) {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  warn(`The server did not answer ${url} within 60 s; check its log: ${logFile}`);
}

main().catch((err) => fail(err.message));
