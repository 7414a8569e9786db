#!/usr/bin/env node
// `npm run cluster`: Lait's cluster topology as processes on this machine, on MySQL and Redis
// (started if missing, as `npm test` does). Ctrl-C stops everything. Ports: docs/operations.md.
import { fail, say, warn } from './lib/log.mjs';
import { DEFAULT_PORTS, startCluster } from './lib/cluster.mjs';
import { ensureServices } from './lib/services.mjs';
import { ensureSystem } from './lib/system.mjs';
import { build, ensureNodeModules } from './lib/workspace.mjs';

const env = process.env;

async function main() {
  ensureSystem(['nginx', 'nginx-stream', 'ffmpeg']);
  await ensureServices();
  ensureNodeModules();
  build(['@lait/server', '@lait/viewer-web', '@lait/nginx-rtmp']);
  say('Starting the cluster: 2 API processes, 2 ingest nodes, 2 edges, one entry…');
  const cluster = await startCluster({
    host: env.HOST || '0.0.0.0',
    publicHost: env.PUBLIC_HOST ?? 'localhost',
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    onExit: (name, code, signal) => warn(`${name} exited (code ${code}, signal ${signal}); the rest keeps running. Ctrl-C stops everything.`),
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const p = DEFAULT_PORTS;
  say('The Lait cluster is running. Ctrl-C stops everything.');
  console.log(`
  Site, API, chat  ${cluster.env.PUBLIC_URL}        entry nginx → api-0 127.0.0.1:${p.apis[0]}, api-1 127.0.0.1:${p.apis[1]} (no sticky sessions)
  RTMP ingest      ${cluster.env.RTMP_PUBLIC_URL}   entry nginx (stream, least_conn) → ingest-0 :${p.ingestRtmp[0]}, ingest-1 :${p.ingestRtmp[1]}
  HLS edges        http://localhost:${p.edges[0]}/hls and http://localhost:${p.edges[1]}/hls (/hls/<node>/<playbackId>/index.m3u8)
  Ingest HLS       ingest-0 127.0.0.10:${p.ingestHls}, ingest-1 127.0.0.11:${p.ingestHls}; stat/control 127.0.0.1:${p.ingestControl[0]}, :${p.ingestControl[1]}
  Database, Redis  ${cluster.env.DATABASE_URL}, ${cluster.env.REDIS_URL}
  Metrics          curl -H "Authorization: Bearer ${cluster.metricsToken}" ${cluster.urls.apis[0]}/metrics

  Create a channel (prints its stream key once), then publish through the entry:
      DATABASE_URL=${cluster.env.DATABASE_URL} npx lait channel create mychannel
      ffmpeg -re -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine -c:v libx264 -preset veryfast \\
        -tune zerolatency -g 30 -c:a aac -f flv ${cluster.env.RTMP_PUBLIC_URL}/<streamKey>
`);
}

main().catch((err) => fail(err.message));
