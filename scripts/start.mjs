#!/usr/bin/env node
// `npm start`: installs what is missing, builds, and runs the server and nginx-rtmp until Ctrl-C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail, say, warn } from './lib/log.mjs';
import { ensureSystem } from './lib/system.mjs';
import { ROOT, build, ensureNodeModules } from './lib/workspace.mjs';

const env = process.env;
const port = Number(env.PORT ?? 3000);
const rtmpPort = Number(env.RTMP_PORT ?? 1935);
const hlsPort = Number(env.HLS_PORT ?? 8080);
const controlPort = Number(env.NGINX_CONTROL_PORT ?? 8081);
const publicHost = env.PUBLIC_HOST ?? 'localhost';
const dataDir = path.resolve(env.DATA_DIR ?? path.join(ROOT, 'data'));

async function main() {
  ensureSystem(['nginx', 'ffmpeg']);
  ensureNodeModules();
  build(['@lait/server', '@lait/viewer-web']);

  const secret = env.RTMP_NOTIFY_SECRET ?? randomBytes(24).toString('base64url');
  const serverEnv = {
    ...env,
    PORT: String(port),
    DATA_DIR: dataDir,
    RTMP_NOTIFY_SECRET: secret,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://${publicHost}:${port}`,
    HLS_PUBLIC_URL: env.HLS_PUBLIC_URL ?? `http://${publicHost}:${hlsPort}/hls`,
    RTMP_PUBLIC_URL: env.RTMP_PUBLIC_URL ?? `rtmp://${publicHost}:${rtmpPort}/live`,
    NGINX_CONTROL_URL: `http://127.0.0.1:${controlPort}`,
  };

  const server = spawn(process.execPath, [path.join(ROOT, 'server/dist/server.js')], { env: serverEnv, stdio: 'inherit' });
  const { startNginx } = await import(pathToFileURL(path.join(ROOT, 'nginx-rtmp/dist/index.js')).href);
  const workDir = path.join(dataDir, 'nginx');
  mkdirSync(workDir, { recursive: true });
  let nginx;
  try {
    nginx = await startNginx({
      rtmpPort,
      hlsHttpPort: hlsPort,
      controlPort,
      notifyUrl: `http://127.0.0.1:${port}`,
      notifySecret: secret,
      workDir,
      hlsDir: path.join(dataDir, 'hls'),
    });
  } catch (err) {
    server.kill('SIGTERM');
    fail(`nginx-rtmp did not start: ${err.message}`);
  }

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    await nginx.stop().catch(() => {});
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r() : server.once('exit', r)));
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

  await waitForHealth(`http://127.0.0.1:${port}/api/health`);
  say('Lait is running. Ctrl-C stops everything.');
  console.log(`
  Site and API   ${serverEnv.PUBLIC_URL}          (API docs: ${serverEnv.PUBLIC_URL}/api/docs)
  RTMP ingest    ${serverEnv.RTMP_PUBLIC_URL}     (OBS "Server"; the stream key goes in "Stream Key")
  HLS            ${serverEnv.HLS_PUBLIC_URL}/<playbackId>/index.m3u8
  Database       ${env.DATABASE_URL ?? `SQLite in ${dataDir}`}${env.REDIS_URL ? `, Redis ${env.REDIS_URL}` : ', in-process state (no Redis)'}

  Create a channel and get its stream key (shown once):
      npx lait channel create mychannel --title "My first stream"
  Then stream to it with OBS (keyframe interval 1 s), or with ffmpeg:
      ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440 \\
        -c:v libx264 -preset veryfast -tune zerolatency -g 30 -c:a aac -f flv ${serverEnv.RTMP_PUBLIC_URL}/<streamKey>
  and watch at ${serverEnv.PUBLIC_URL}/c/mychannel
`);
}

async function waitForHealth(url) {
  for (let i = 0; i < 120; i++) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  warn(`The server did not answer ${url} within 60 s; check its log above.`);
}

main().catch((err) => fail(err.message));
