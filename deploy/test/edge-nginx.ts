import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@lait/testkit/ports';
import { readRepoFile } from './repo.js';

/** Renders a template the way the nginx image's envsubst does: only the listed `${VAR}`s. */
export function renderTemplate(file: string, values: Record<string, string>): string {
  return readRepoFile(file).replace(/\$\{([A-Z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export interface EdgeNginx {
  url: string;
  stop(): Promise<void>;
}

/**
 * Runs the machine's nginx with the edge template, rendered for this test: its own prefix,
 * port and cache directory, the default origin pointing at `origin`.
 */
export async function startEdge(origin: string, routing: { resolver?: string; ingestDomain?: string; ingestPort?: number } = {}): Promise<EdgeNginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lait-edge-'));
  // Workers drop to `nobody` when the test runs as root: they must write the cache.
  chmodSync(dir, 0o777);
  for (const sub of ['cache', 'tmp']) mkdirSync(path.join(dir, sub), { mode: 0o777 });
  const port = await freePort();
  const edge = renderTemplate('deploy/edge/edge-templates/edge.conf.template', {
    NGINX_RESOLVER: routing.resolver ?? '127.0.0.1',
    EDGE_INGEST_DOMAIN: routing.ingestDomain ?? 'ingest.invalid',
    EDGE_INGEST_PORT: String(routing.ingestPort ?? 8080),
    EDGE_DEFAULT_ORIGIN: origin,
    EDGE_CACHE_SIZE: '64m',
  })
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('/var/cache/nginx/hls', path.join(dir, 'cache'));
  writeFileSync(path.join(dir, 'edge.conf'), edge);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${path.join(dir, 'tmp', t)};`).join(' ');
  writeFileSync(path.join(dir, 'nginx.conf'), `daemon off; master_process on; worker_processes 1; pid ${dir}/nginx.pid; error_log stderr warn;
events { worker_connections 512; }
http { access_log off; ${temp} include ${dir}/edge.conf; }
`);
  const child: ChildProcess = spawn('nginx', ['-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`edge nginx did not answer: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `nginx -t` on a template rendered with `values`, inside a throwaway prefix; returns nginx's verdict. */
export function checkTemplate(file: string, values: Record<string, string>): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'lait-nginx-t-'));
  try {
    const conf = renderTemplate(file, values).replace('/var/cache/nginx/hls', path.join(dir, 'cache'));
    writeFileSync(path.join(dir, 'role.conf'), conf);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${path.join(dir, t)};`).join(' ');
    writeFileSync(path.join(dir, 'nginx.conf'), `pid ${dir}/nginx.pid; error_log stderr warn; events {} http { access_log off; ${temp} include ${dir}/role.conf; }\n`);
    const result = spawnSync('nginx', ['-t', '-p', `${dir}/`, '-c', path.join(dir, 'nginx.conf')], { encoding: 'utf8' });
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
