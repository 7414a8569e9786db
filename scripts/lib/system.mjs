// Installs the system packages Lait needs (Debian/Ubuntu), or says exactly what to run.
import { existsSync, readdirSync } from 'node:fs';
import { has, run, say, fail } from './log.mjs';

const RTMP_MODULE_DIRS = ['/usr/lib/nginx/modules', '/usr/share/nginx/modules', '/usr/lib64/nginx/modules'];

function hasRtmpModule() {
  return RTMP_MODULE_DIRS.some((d) => existsSync(d) && readdirSync(d).some((f) => f.includes('rtmp')));
}

/** What each need is checked by, and the Debian packages that provide it. */
const NEEDS = {
  nginx: { present: () => has('nginx') && hasRtmpModule(), packages: ['nginx', 'libnginx-mod-rtmp'] },
  // TCP balancing of RTMP for `npm run cluster`.
  'nginx-stream': { present: () => RTMP_MODULE_DIRS.some((d) => existsSync(`${d}/ngx_stream_module.so`)), packages: ['libnginx-mod-stream'] },
  ffmpeg: { present: () => has('ffmpeg'), packages: ['ffmpeg'] },
  chromium: { present: () => existsSync('/usr/bin/chromium'), packages: ['chromium', 'fonts-noto-cjk'] },
  mariadb: { present: () => existsSync('/usr/sbin/mariadbd') || has('mysqld'), packages: ['mariadb-server'] },
  redis: { present: () => has('redis-server'), packages: ['redis-server'] },
};

/** Ensures the named needs are met; installs them with apt-get when running as root. */
export function ensureSystem(names) {
  const missing = names.filter((n) => !NEEDS[n].present());
  if (missing.length === 0) return;
  const packages = missing.flatMap((n) => NEEDS[n].packages);
  const cmd = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    fail(`Missing: ${missing.join(', ')}. Install them with:\n    sudo sh -c '${cmd}'\nthen run this command again.`);
  }
  say(`Installing missing system packages (${missing.join(', ')}): apt-get install ${packages.join(' ')}`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
  say(`Installed: ${packages.join(', ')}`);
}
