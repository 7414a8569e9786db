import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './data-source.js';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('SQLite file permissions', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('creates the data directory 0700 and the database, -wal and -shm 0600', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'lait-perm-'));
    dirs.push(root);
    const file = path.join(root, 'data', 'lait.sqlite');
    const ds = await openDatabase({ type: 'sqlite', file });
    try {
      // Migrations have written through the WAL, so -wal and -shm exist.
      expect(modeOf(path.dirname(file))).toBe(0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(modeOf(f).toString(8), f).toBe('600');
    } finally {
      await ds.destroy();
    }
  });

  it('tightens an existing world-readable database file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'lait-perm-'));
    dirs.push(root);
    const file = path.join(root, 'lait.sqlite');
    writeFileSync(file, '', { mode: 0o644 });
    const ds = await openDatabase({ type: 'sqlite', file });
    await ds.destroy();
    expect(modeOf(file).toString(8)).toBe('600');
  });
});
