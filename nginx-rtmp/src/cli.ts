#!/usr/bin/env node
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startNginx, type StartOptions } from './nginx-process.js';
import { CLI_ENV } from './env.js';

const USAGE = `Usage: node nginx-rtmp/dist/cli.js --notify-url URL [--secret S] [options]

  --notify-url URL     Lait server base URL receiving /internal/rtmp/* (required)
  --secret S           notify secret; defaults to $RTMP_NOTIFY_SECRET (prefer it: argv is visible in ps)
  --rtmp-port N        RTMP ingest port (1935)
  --hls-port N         public HLS HTTP port (8080)
  --control-port N     loopback stat/control port (8081)
  --rtmp-bind-host H   address of the RTMP listener (0.0.0.0)
  --hls-bind-host H    address of the HLS listener (0.0.0.0)
  --bind-host H        both of the above at once
  --node-id ID         this node's name in a cluster (ingest-0, ingest-1, …); defaults to $LAIT_NODE_ID
  --work-dir DIR       nginx prefix (${join(tmpdir(), 'lait-nginx-rtmp')})
  --hls-dir DIR        HLS output (<work-dir>/hls)
  --module-path FILE   ngx_rtmp_module.so (discovered)
  --nginx-path FILE    nginx binary (discovered)

Environment: RTMP_NOTIFY_SECRET, LAIT_NODE_ID, and the bitrate ladder's LADDER (off, or rungs
from 1080p,720p,480p,360p,240p; default 720p,480p,360p), LADDER_CAPACITY (streams laddered at
once; default measured at start) and FFMPEG_PATH (/usr/bin/ffmpeg).`;

function toPort(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`--${name} must be a port number, got ${value}`);
  return port;
}

/** The CLI is its own deployable: argv first, then the one environment variable it shares with the server. */
function parseCli(argv: string[]): StartOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      'notify-url': { type: 'string' },
      secret: { type: 'string' },
      'rtmp-port': { type: 'string', default: '1935' },
      'hls-port': { type: 'string', default: '8080' },
      'control-port': { type: 'string', default: '8081' },
      'bind-host': { type: 'string' },
      'rtmp-bind-host': { type: 'string' },
      'hls-bind-host': { type: 'string' },
      'node-id': { type: 'string' },
      'work-dir': { type: 'string', default: join(tmpdir(), 'lait-nginx-rtmp') },
      'hls-dir': { type: 'string' },
      'module-path': { type: 'string' },
      'nginx-path': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const notifySecret = values.secret ?? CLI_ENV.notifySecret;
  if (!values['notify-url']) throw new Error('--notify-url is required');
  if (!notifySecret) throw new Error('--secret or RTMP_NOTIFY_SECRET is required');
  const workDir = resolve(values['work-dir']);
  return {
    notifyUrl: values['notify-url'],
    notifySecret,
    rtmpPort: toPort('rtmp-port', values['rtmp-port']),
    hlsHttpPort: toPort('hls-port', values['hls-port']),
    controlPort: toPort('control-port', values['control-port']),
    rtmpBindHost: values['rtmp-bind-host'] ?? values['bind-host'],
    hlsBindHost: values['hls-bind-host'] ?? values['bind-host'],
    nodeId: values['node-id'] ?? CLI_ENV.nodeId,
    workDir,
    hlsDir: resolve(values['hls-dir'] ?? join(workDir, 'hls')),
    modulePath: values['module-path'],
    nginxPath: values['nginx-path'],
  };
}

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  const handle = await startNginx({
    ...options,
    onLog: (line) => console.error(`[nginx] ${line}`),
    onUnexpectedExit: (event) => {
      console.error(`nginx exited unexpectedly (code ${String(event.code)}, signal ${String(event.signal)})`);
      process.exit(1);
    },
  });
  console.log(`nginx-rtmp pid ${handle.pid}: ingest ${handle.urls.rtmp}/<streamKey>, HLS ${handle.urls.hls}/<playbackId>/index.m3u8, stat ${handle.urls.stat}`);
  const shutdown = (signal: NodeJS.Signals): void => {
    console.log(`${signal}: stopping nginx`);
    handle.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
