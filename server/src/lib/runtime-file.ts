import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

/**
 * What a running server tells other processes on the same data directory (`npx lait`): which
 * database it uses, so that the CLI cannot silently write to another one. Kept in DATA_DIR,
 * readable by its owner only (a MySQL URL may carry a password, as DATABASE_URL does).
 */
export interface RuntimeInfo {
  pid: number;
  /** The DATABASE_URL the server runs on (`sqlite:<absolute file>` for SQLite). */
  databaseUrl: string;
  startedAt: string;
}

const FILE = 'runtime.json';

/** A config's database as a DATABASE_URL that means the same database from any working directory. */
export function databaseUrlOf(database: Config['database']): string {
  return database.type === 'mysql' ? database.url : `sqlite:${database.file}`;
}

export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  const file = path.join(dataDir, FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(info), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** Removes the file if it is still this process's (a newer server may have replaced it). */
export function removeRuntimeFile(dataDir: string, pid = process.pid): void {
  if (readRuntimeFile(dataDir)?.pid === pid) rmSync(path.join(dataDir, FILE), { force: true });
}

function readRuntimeFile(dataDir: string): RuntimeInfo | null {
  try {
    const info = JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8')) as Partial<RuntimeInfo>;
    return typeof info.pid === 'number' && typeof info.databaseUrl === 'string' ? (info as RuntimeInfo) : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The server running on this data directory, or null (none, or it died without cleaning up). */
export function findRunningServer(dataDir: string): RuntimeInfo | null {
  const info = readRuntimeFile(dataDir);
  return info && isAlive(info.pid) ? info : null;
}
