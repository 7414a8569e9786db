// The cluster topology as local processes (`npm run cluster`, e2e/specs/cluster): two API
// processes and two ingest nodes behind one entry nginx, two HLS edges, MySQL and Redis.
// docs/operations.md "Local cluster" lists the ports.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { renderBalancer, renderEdge, findStreamModule, spawnNginx } from './cluster-nginx.mjs';
import { startDnsStub } from './dns-stub.mjs';
import { ROOT } from './workspace.mjs';

export const DEFAULT_PORTS = Object.freeze({
  entry: 3000,
  rtmp: 1935,
  edges: [8080, 8090],
  apis: [3101, 3102],
  ingestRtmp: [19350, 19351],
  ingestHls: 18080,
  ingestControl: [18081, 18091],
});
/** Each ingest node's HLS listens on its own loopback address, found by name like a StatefulSet pod. */
const INGEST_HOSTS = ['127.0.0.10', '127.0.0.11'];
const INGEST_ZONE = 'ingest.lait.local';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const alive = (child) => child.exitCode === null && child.signalCode === null;

async function waitUntil(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

const answers = (url) => fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok);

function exited(child) {
  return alive(child) ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
}

/** SIGTERM to a process group (nginx and its workers), SIGKILL after `graceMs`. */
async function stopGroup(child, graceMs = 5000) {
  if (!alive(child)) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const done = await Promise.race([exited(child).then(() => true), sleep(graceMs).then(() => false)]);
  if (!done) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

/**
 * Starts everything; resolves once the entry answers /api/health and every edge /healthz.
 * `log(name, line)` receives every process's output; `onExit(name, code, signal)` an unexpected exit.
 */
export async function startCluster(options = {}) {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const host = options.host ?? '0.0.0.0';
  const local = host === '0.0.0.0' ? '127.0.0.1' : host;
  const publicHost = options.publicHost ?? 'localhost';
  const dataDir = path.resolve(options.dataDir ?? path.join(ROOT, 'data', 'cluster'));
  const log = options.log ?? ((name, line) => process.stdout.write(`[${name}] ${line}\n`));
  const onExit = options.onExit ?? (() => {});
  const streamModule = findStreamModule();
  if (!streamModule) throw new Error('nginx stream module missing: apt-get install libnginx-mod-stream');
  const secret = options.notifySecret ?? randomBytes(24).toString('base64url');
  const entryUrl = `http://${local}:${ports.entry}`;
  const edgeUrls = ports.edges.map((p) => `http://${local}:${p}`);
  const nodes = INGEST_HOSTS.map((ip, i) => ({
    name: `ingest-${i}`,
    hlsHost: ip,
    rtmp: `127.0.0.1:${ports.ingestRtmp[i]}`,
    controlUrl: `http://127.0.0.1:${ports.ingestControl[i]}`,
    workDir: path.join(dataDir, `ingest-${i}`),
  }));
  const stopping = { value: false };
  const children = [];
  const track = (name, child, kind) => {
    const entry = { name, child, kind };
    children.push(entry);
    const pipe = (stream) => {
      stream?.setEncoding('utf8');
      let buf = '';
      stream?.on('data', (chunk) => {
        buf += chunk;
        const lines = buf.split('\n');
        buf = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) log(name, line);
      });
    };
    pipe(child.stdout);
    pipe(child.stderr);
    child.once('exit', (code, signal) => {
      if (!stopping.value && !entry.expected) onExit(name, code, signal);
    });
    return entry;
  };

  // nginx's workers run as nobody when this runs as root: they must traverse to the HLS folders.
  mkdirSync(dataDir, { recursive: true });
  for (const dir of [dataDir, path.dirname(dataDir)]) {
    if (dir.startsWith(ROOT) && dir !== ROOT) chmodSync(dir, statSync(dir).mode | 0o711);
  }
  const dns = await startDnsStub(INGEST_ZONE, Object.fromEntries(nodes.map((n) => [n.name, n.hlsHost])));
  const apiEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: options.databaseUrl ?? 'mysql://root@127.0.0.1:3306/lait_cluster',
    REDIS_URL: options.redisUrl ?? 'redis://127.0.0.1:6379',
    JWT_SECRET: options.jwtSecret ?? randomBytes(32).toString('base64url'),
    RTMP_NOTIFY_SECRET: secret,
    METRICS_TOKEN: options.metricsToken ?? randomBytes(24).toString('base64url'),
    PUBLIC_URL: `http://${publicHost}:${ports.entry}`,
    RTMP_PUBLIC_URL: `rtmp://${publicHost}:${ports.rtmp}/live`,
    HLS_PUBLIC_URL: `http://${publicHost}:${ports.edges[0]}/hls`,
    HLS_INTERNAL_URL: `${edgeUrls[0]}/hls`,
    NGINX_CONTROL_URL: nodes[0].controlUrl,
    INGEST_CONTROL_URLS: nodes.map((n) => `${n.name}=${n.controlUrl}`).join(','),
    // The entry nginx is on loopback: its X-Forwarded-For names the client.
    TRUST_PROXY: 'loopback',
    LIVE_RECONCILE_MS: '2000',
    ...options.apiEnv,
  };

  const startApi = (i) => {
    const dir = path.join(dataDir, `api-${i}`);
    mkdirSync(dir, { recursive: true });
    const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/server.js')], {
      env: { ...apiEnv, PORT: String(ports.apis[i]), DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return track(`api-${i}`, child, 'api');
  };
  const startIngest = (node, i) => {
    const args = [
      path.join(ROOT, 'nginx-rtmp/dist/cli.js'),
      '--notify-url', entryUrl,
      '--node-id', node.name,
      '--rtmp-port', String(ports.ingestRtmp[i]),
      '--rtmp-bind-host', '127.0.0.1',
      '--hls-port', String(ports.ingestHls),
      '--hls-bind-host', node.hlsHost,
      '--control-port', String(ports.ingestControl[i]),
      '--work-dir', node.workDir,
    ];
    return track(node.name, spawn(process.execPath, args, { env: { ...process.env, RTMP_NOTIFY_SECRET: secret }, stdio: ['ignore', 'pipe', 'pipe'] }), 'ingest');
  };

  const cluster = {
    urls: {
      site: entryUrl,
      rtmp: `rtmp://${local}:${ports.rtmp}/live`,
      edges: edgeUrls,
      apis: ports.apis.map((p) => `http://127.0.0.1:${p}`),
    },
    nodes,
    ports,
    metricsToken: apiEnv.METRICS_TOKEN,
    env: apiEnv,
    children,
    /** Signals API process `i` (SIGKILL: a crash; SIGTERM: a drain); resolves when it has exited. */
    async signalApi(i, signal) {
      const entry = children.find((c) => c.name === `api-${i}` && alive(c.child));
      if (!entry) return;
      entry.expected = true;
      entry.child.kill(signal);
      await exited(entry.child);
    },
    /** Starts API process `i` again (after signalApi) and waits for its health. */
    async restartApi(i) {
      startApi(i);
      await waitUntil(`api-${i}`, () => answers(`${cluster.urls.apis[i]}/api/health`));
    },
    /** kill -9 an ingest node's nginx (master and workers): the node is gone, as when its pod dies. */
    killIngest(i) {
      const node = nodes[i];
      const entry = children.find((c) => c.name === node.name);
      if (entry) entry.expected = true;
      const pid = Number(readFileSync(path.join(node.workDir, 'nginx.pid'), 'utf8').trim());
      process.kill(-pid, 'SIGKILL');
    },
    async stop() {
      if (stopping.value) return;
      stopping.value = true;
      const nginxes = children.filter((c) => c.kind === 'nginx');
      await Promise.all(nginxes.map((c) => stopGroup(c.child)));
      await Promise.all(children.filter((c) => c.kind !== 'nginx' && alive(c.child)).map((c) => {
        c.child.kill('SIGTERM');
        return Promise.race([exited(c.child), sleep(12_000).then(() => c.child.kill('SIGKILL'))]);
      }));
      await dns.close();
    },
  };

  try {
    // One at a time: the first runs the migrations, the second finds them done.
    for (let i = 0; i < ports.apis.length; i++) {
      startApi(i);
      await waitUntil(`api-${i}`, () => answers(`${cluster.urls.apis[i]}/api/health`));
    }
    const balancerDir = path.join(dataDir, 'balancer');
    track('balancer', spawnNginx(balancerDir, renderBalancer({ dir: balancerDir, host, apiPort: ports.entry, apis: cluster.urls.apis.map((u) => u.slice('http://'.length)), rtmpPort: ports.rtmp, ingests: nodes.map((n) => n.rtmp), streamModule }), (l) => log('balancer', l.trim())), 'nginx');
    nodes.forEach((node, i) => startIngest(node, i));
    ports.edges.forEach((port, i) => {
      const dir = path.join(dataDir, `edge-${i}`);
      const conf = renderEdge({ dir, host, port, resolver: dns.address, ingestDomain: INGEST_ZONE, ingestPort: ports.ingestHls, defaultOrigin: `http://${nodes[0].hlsHost}:${ports.ingestHls}` });
      track(`edge-${i}`, spawnNginx(dir, conf, (l) => log(`edge-${i}`, l.trim())), 'nginx');
    });
    await waitUntil('the entry', () => answers(`${entryUrl}/api/health`));
    for (const url of edgeUrls) await waitUntil(url, () => answers(`${url}/healthz`));
    for (const node of nodes) await waitUntil(node.name, () => answers(`${node.controlUrl}/stat`));
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  return cluster;
}
