import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NginxRtmpError } from './errors.js';

const run = promisify(execFile);
const INSTALL_HINT = 'Install it with: apt-get install nginx libnginx-mod-rtmp';
const MODULE_FILE = 'ngx_rtmp_module.so';
const NGINX_CANDIDATES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx', '/usr/local/nginx/sbin/nginx'];
// Debian/Ubuntu, then Fedora/RHEL and source builds.
const MODULE_DIRS = ['/usr/lib/nginx/modules', '/usr/lib64/nginx/modules', '/usr/local/nginx/modules', '/etc/nginx/modules'];

export interface RtmpModuleLocation {
  /** Absolute path of the nginx binary. */
  nginxPath: string;
  /** Absolute path of `ngx_rtmp_module.so`. */
  modulePath: string;
}

async function isFile(path: string, mode: number): Promise<boolean> {
  try {
    await access(path, mode);
    return true;
  } catch {
    return false;
  }
}

async function findNginx(preferred?: string): Promise<string> {
  const candidates = preferred ? [preferred] : NGINX_CANDIDATES;
  for (const candidate of candidates) {
    if (await isFile(candidate, constants.X_OK)) return candidate;
  }
  if (!preferred) {
    // Let the OS resolve it from PATH as a last resort.
    const found = await run('sh', ['-c', 'command -v nginx']).catch(() => null);
    const path = found?.stdout.trim();
    if (path) return path;
  }
  throw new NginxRtmpError('NGINX_NOT_FOUND', `nginx binary not found (${candidates.join(', ')}). ${INSTALL_HINT}`);
}

/** `nginx -V` prints the configure arguments on stderr, including `--modules-path=`. */
async function readModulesPath(nginxPath: string): Promise<string | null> {
  const { stdout, stderr } = await run(nginxPath, ['-V']).catch(() => ({ stdout: '', stderr: '' }));
  const match = /--modules-path=(\S+)/.exec(`${stdout}\n${stderr}`);
  return match?.[1] ?? null;
}

/**
 * Locates the nginx binary and the dynamic RTMP module. Explicit paths win; otherwise the
 * modules path compiled into nginx, then the usual distribution folders.
 */
export async function findRtmpModule(options: Partial<RtmpModuleLocation> = {}): Promise<RtmpModuleLocation> {
  const nginxPath = await findNginx(options.nginxPath);
  if (options.modulePath) {
    if (await isFile(options.modulePath, constants.R_OK)) return { nginxPath, modulePath: options.modulePath };
    throw new NginxRtmpError('RTMP_MODULE_NOT_FOUND', `${options.modulePath} is not readable. ${INSTALL_HINT}`);
  }
  const compiled = await readModulesPath(nginxPath);
  const dirs = [...new Set([...(compiled ? [compiled] : []), ...MODULE_DIRS])];
  for (const dir of dirs) {
    const modulePath = join(dir, MODULE_FILE);
    if (await isFile(modulePath, constants.R_OK)) return { nginxPath, modulePath };
  }
  throw new NginxRtmpError(
    'RTMP_MODULE_NOT_FOUND',
    `${MODULE_FILE} not found in ${dirs.join(', ')}. ${INSTALL_HINT}`,
  );
}
