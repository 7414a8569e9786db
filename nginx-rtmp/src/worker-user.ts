import { chmod, chown, lstat, readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

export interface WorkerAccount {
  user: string;
  group: string;
  uid: number;
  gid: number;
}

async function lookupId(file: string, names: readonly string[]): Promise<{ name: string; id: number; gid: number } | null> {
  const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n');
  for (const name of names) {
    const fields = lines.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields?.[2] !== undefined) return { name, id: Number(fields[2]), gid: Number(fields[3] ?? fields[2]) };
  }
  return null;
}

/**
 * When the master runs as root, nginx drops its workers to `nobody`: a worker that parses
 * untrusted RTMP should not be root. Returns null when not root (workers keep our account).
 */
export async function resolveWorkerAccount(): Promise<WorkerAccount | null> {
  if (process.getuid?.() !== 0) return null;
  const user = await lookupId('/etc/passwd', ['nobody']);
  const group = await lookupId('/etc/group', ['nogroup', 'nobody']);
  if (!user) throw new Error('running as root but no `nobody` account exists for the nginx workers');
  return { user: user.name, group: group?.name ?? user.name, uid: user.id, gid: group?.id ?? user.gid };
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  const entries = await readdir(path, { withFileTypes: true });
  for (const entry of entries) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) await chownTree(full, uid, gid);
    else if (entry.isFile()) await chown(full, uid, gid);
  }
}

/**
 * Lets the worker account write hlsDir and traverse down to it: workDir and the folders
 * between it and hlsDir get o+x (never read), folders above hlsDir outside workDir must
 * already allow it.
 */
export async function grantWorkerAccess(account: WorkerAccount, workDir: string, hlsDir: string): Promise<void> {
  await chownTree(hlsDir, account.uid, account.gid);
  const insideWorkDir = !relative(workDir, hlsDir).startsWith('..');
  for (let dir = dirname(hlsDir); dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await lstat(dir);
    if (mode & 0o001) continue;
    if (insideWorkDir && !relative(workDir, dir).startsWith('..')) {
      await chmod(dir, (mode & 0o777) | 0o001);
      continue;
    }
    throw new Error(`nginx workers run as ${account.user} and cannot reach ${hlsDir}: ${dir} lacks o+x`);
  }
}
