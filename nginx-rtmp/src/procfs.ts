import { readdir, readFile, readlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** One process as /proc/<pid>/stat describes it. */
export interface ProcessInfo {
  pid: number;
  /** Executable name (`nginx` for the master, workers and cache processes alike). */
  comm: string;
  /** `Z` for a zombie: it holds no sockets any more. */
  state: string;
  pgrp: number;
}

export async function readProcess(pid: number): Promise<ProcessInfo | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return null;
  const close = stat.lastIndexOf(')');
  // Fields after the parenthesised command: state ppid pgrp ...
  const fields = stat.slice(close + 2).split(' ');
  return { pid, comm: stat.slice(stat.indexOf('(') + 1, close), state: fields[0] ?? '', pgrp: Number(fields[2]) };
}

export async function listProcesses(): Promise<ProcessInfo[]> {
  const entries = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const all = await Promise.all(entries.map((entry) => readProcess(Number(entry))));
  return all.filter((p): p is ProcessInfo => p !== null);
}

/** Live (not zombie) members of a process group. */
export async function livePidsInGroup(pgid: number): Promise<number[]> {
  return (await listProcesses()).filter((p) => p.pgrp === pgid && p.state !== 'Z').map((p) => p.pid);
}

/** The working directory of a process, or null when it is gone or not ours to inspect. */
export function cwdOf(pid: number): Promise<string | null> {
  return readlink(`/proc/${pid}/cwd`).catch(() => null);
}

/** argv as nginx shows it (the master rewrites it to `nginx: master process <argv>`). */
export async function cmdlineOf(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ');
}

/** Polls until none of `pids` is alive (zombies count as gone); false on timeout. */
export async function waitGone(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const alive = (await Promise.all(pids.map(readProcess))).filter((p) => p !== null && p.state !== 'Z');
    if (alive.length === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(20);
  }
}
