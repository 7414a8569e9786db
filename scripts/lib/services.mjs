// Makes sure MariaDB and Redis answer on their standard local ports, starting them if needed.
import { createConnection } from 'node:net';
import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { ensureSystem } from './system.mjs';
import { say } from './log.mjs';

export function portOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = createConnection({ port, host });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

async function waitPort(port, what, seconds = 30) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not start listening on 127.0.0.1:${port} within ${seconds}s`);
}

function sh(cmd) {
  spawnSync('sh', ['-c', cmd], { stdio: 'inherit' });
}

async function ensureMariadb() {
  if (await portOpen(3306)) return;
  ensureSystem(['mariadb']);
  say('MariaDB is not running on 127.0.0.1:3306: starting it');
  mkdirSync('/run/mysqld', { recursive: true });
  sh('chown mysql:mysql /run/mysqld 2>/dev/null || true');
  if (!existsSync('/var/lib/mysql/mysql')) sh('mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null');
  sh('start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql --bind-address=127.0.0.1');
  await waitPort(3306, 'MariaDB');
  // Tests connect as root with an empty password over TCP, as on our CI machines.
  sh(`mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket" 2>/dev/null || true`);
  say('MariaDB started');
}

async function ensureRedis() {
  if (await portOpen(6379)) return;
  ensureSystem(['redis']);
  say('Redis is not running on 127.0.0.1:6379: starting it');
  sh('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no');
  await waitPort(6379, 'Redis');
  say('Redis started');
}

/** For the test suite: real MariaDB and Redis. */
export async function ensureServices() {
  await ensureMariadb();
  await ensureRedis();
}
