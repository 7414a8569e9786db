import { readFile, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NginxRtmpError } from './errors.js';
import { cmdlineOf, cwdOf, listProcesses, livePidsInGroup, waitGone, type ProcessInfo } from './procfs.js';

/**
 * nginx processes an earlier run left in `workDir`: a master whose Node parent was SIGKILLed
 * (nginx runs detached, so it survives), or the worker and cache processes of a master that was
 * SIGKILLed itself (they keep serving and holding the ports). Linux's PR_SET_PDEATHSIG is not
 * reachable from Node, so they are found here, by two marks:
 * - every nginx we spawn runs with `workDir` as its working directory, which its children inherit;
 * - the pid file in `workDir` names the master, which leads its process group. When the master
 *   is alive its command line must name this prefix; when it is dead, the group id cannot have
 *   been reused while members remain, so members named nginx are its orphans.
 */
export async function findStaleNginx(workDir: string): Promise<ProcessInfo[]> {
  const prefix = await realpath(workDir).catch(() => workDir);
  const pidText = await readFile(join(prefix, 'nginx.pid'), 'utf8').catch(() => '');
  const masterPid = /^\d+$/.test(pidText.trim()) ? Number(pidText.trim()) : null;
  const nginx = (await listProcesses()).filter((p) => p.comm === 'nginx' && p.state !== 'Z');
  const master = nginx.find((p) => p.pid === masterPid);
  const prefixArgs = new Set([`-p ${workDir}/`, `-p ${resolve(workDir)}/`, `-p ${prefix}/`]);
  const masterCmdline = master ? await cmdlineOf(master.pid) : '';
  const groupIsOurs = masterPid !== null && (!master || [...prefixArgs].some((arg) => masterCmdline.includes(arg)));
  const stale: ProcessInfo[] = [];
  for (const p of nginx) {
    if ((groupIsOurs && p.pgrp === masterPid) || (await cwdOf(p.pid)) === prefix) stale.push(p);
  }
  return stale;
}

/** SIGKILLs a process group and resolves once no member is alive. */
export async function killGroup(pgid: number, timeoutMs = 5000): Promise<boolean> {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    return true;
  }
  return waitGone(await livePidsInGroup(pgid), timeoutMs);
}

/**
 * Kills what {@link findStaleNginx} finds, masters first (a live master would fork a new worker
 * for one that died), and looks again in case one forked meanwhile. Returns the pids killed;
 * throws if they outlive SIGKILL.
 */
export async function killStaleNginx(workDir: string, timeoutMs = 5000): Promise<number[]> {
  const killed: number[] = [];
  for (let round = 0; ; round++) {
    const stale = (await findStaleNginx(workDir)).sort((a, b) => Number(b.pid === b.pgrp) - Number(a.pid === a.pgrp));
    if (stale.length === 0) return killed;
    if (round === 3) break;
    for (const p of stale) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    const pids = stale.map((p) => p.pid);
    killed.push(...pids);
    if (!(await waitGone(pids, timeoutMs))) break;
  }
  throw new NginxRtmpError('NGINX_STALE_PROCESS', `stale nginx processes in ${workDir} did not exit: ${killed.join(', ')}`);
}
