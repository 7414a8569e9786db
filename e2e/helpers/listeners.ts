import { readFileSync } from 'node:fs';

/** IPv4 addresses listening on `port` (from /proc/net/tcp), sorted. */
export function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields[3] === '0A' && fields[1]?.endsWith(`:${hexPort}`))
    // Little-endian IPv4 in hex.
    .map((fields) => [3, 2, 1, 0].map((i) => parseInt((fields[1] ?? '').slice(i * 2, i * 2 + 2), 16)).join('.'))
    .sort();
}

/** Whether a process runs (zombies count as gone). */
export function isRunning(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.startsWith('Z');
  } catch {
    return false;
  }
}
