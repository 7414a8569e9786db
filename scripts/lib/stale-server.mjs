// A SIGKILLed `npm start` cannot stop its children. nginx-rtmp cleans up after itself on the next
// start (its pid file and /proc); this does the same for the server, which would otherwise keep
// PORT and make the next start fail.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { warn } from './log.mjs';

function isAlive(pid) {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}

/** Stops the server an earlier run recorded in `pidFile`, if that pid still runs `entry`. */
export async function stopStaleServer(pidFile, entry) {
  let pid;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    return;
  }
  let argv = [];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    // Gone.
  }
  // A reused pid runs something else: leave it alone.
  if (Number.isInteger(pid) && pid > 0 && argv.includes(entry)) {
    warn(`Stopping the server (pid ${pid}) that an earlier run left behind.`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
  rmSync(pidFile, { force: true });
}

export function recordServer(pidFile, pid) {
  writeFileSync(pidFile, `${pid}\n`);
}

export function forgetServer(pidFile) {
  rmSync(pidFile, { force: true });
}
