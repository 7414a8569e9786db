// The local cluster's plain nginx processes: the entry balancer (HTTP for the API, stream for RTMP)
// and the HLS edges (deploy/edge/edge-templates, rendered for local ports as the nginx image would).
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './workspace.mjs';

const STREAM_MODULE_DIRS = ['/usr/lib/nginx/modules', '/usr/share/nginx/modules', '/usr/lib64/nginx/modules'];

export function findStreamModule() {
  for (const dir of STREAM_MODULE_DIRS) {
    const file = path.join(dir, 'ngx_stream_module.so');
    if (existsSync(file)) return file;
  }
  return null;
}

/**
 * The entry: `host:apiPort` spreads HTTP and websockets over the API processes, `host:rtmpPort`
 * spreads RTMP connections over the ingest nodes (stream module). No stickiness: Socket.IO connects
 * websocket first, and a websocket is one TCP connection that stays on its process.
 */
export function renderBalancer({ dir, host, apiPort, apis, rtmpPort, ingests, streamModule }) {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${path.join(dir, 'tmp', t)};`).join(' ');
  return `load_module ${streamModule};
daemon off; master_process on; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr warn;
events { worker_connections 4096; }
http {
    access_log off;
    ${temp}
    map $http_upgrade $lait_connection { default upgrade; '' ''; }
    upstream lait_api {
        # Never marked down (max_fails=0): on loopback a stopped process refuses at once, and the
        # request goes to the next. Marking both down during a reconnect storm answered
        # "no live upstreams" for seconds after one process had stopped.
${apis.map((a) => `        server ${a} max_fails=0;`).join('\n')}
        # No upstream keepalive: a POST on a pooled connection to a process that has since died
        # fails after it was sent, and nginx must not retry a POST; a fresh connection is refused
        # before anything is sent, and goes to the other process.
    }
    server {
        listen ${host}:${apiPort};
        client_max_body_size 1m;
        location / {
            proxy_pass http://lait_api;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $lait_connection;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 1h;
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout http_503;
        }
    }
}
stream {
    upstream lait_ingest {
        # RTMP connections are long: the node with fewer publishers takes the next one.
        least_conn;
${ingests.map((a) => `        server ${a} max_fails=1 fail_timeout=10s;`).join('\n')}
    }
    server {
        listen ${host}:${rtmpPort};
        proxy_pass lait_ingest;
        proxy_connect_timeout 2s;
        proxy_timeout 1h;
    }
}
`;
}

/** deploy/edge/edge-templates/edge.conf.template with the values the nginx image's envsubst would fill. */
export function renderEdge({ dir, host, port, resolver, ingestDomain, ingestPort, defaultOrigin }) {
  const values = {
    NGINX_RESOLVER: resolver,
    EDGE_INGEST_DOMAIN: ingestDomain,
    EDGE_INGEST_PORT: String(ingestPort),
    EDGE_DEFAULT_ORIGIN: defaultOrigin,
    EDGE_CACHE_SIZE: '256m',
  };
  const template = readFileSync(path.join(ROOT, 'deploy/edge/edge-templates/edge.conf.template'), 'utf8');
  const edge = template
    .replace(/\$\{([A-Z_]+)\}/g, (whole, name) => values[name] ?? whole)
    .replace('listen 8080;', `listen ${host}:${port};`)
    .replace('/var/cache/nginx/hls', path.join(dir, 'cache'));
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${path.join(dir, 'tmp', t)};`).join(' ');
  return `daemon off; master_process on; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr warn;
events { worker_connections 4096; }
http { access_log off; ${temp}
${edge}
}
`;
}

/** Writes `conf` into its own prefix and starts nginx as the leader of its own process group. */
export function spawnNginx(dir, conf, onLog) {
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['tmp', 'cache']) mkdirSync(path.join(dir, sub), { recursive: true, mode: 0o777 });
  for (const d of [dir, path.join(dir, 'tmp'), path.join(dir, 'cache')]) chmodSync(d, 0o777);
  const file = path.join(dir, 'nginx.conf');
  writeFileSync(file, conf);
  const child = spawn('nginx', ['-p', `${dir}/`, '-c', file], { cwd: dir, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => onLog?.(chunk));
  return child;
}
