import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where main keeps the refresh token between runs. The renderer never sees it; in Electron the
 * file store encrypts it with the OS keychain (safeStorage).
 */
export interface SessionStore {
  load(): Promise<string | null>;
  save(refreshToken: string): Promise<void>;
  clear(): Promise<void>;
}

/** Keeps the token for this process only (tests, headless runs, no keychain). */
export function createMemorySessionStore(): SessionStore {
  let token: string | null = null;
  return {
    load: async () => token,
    save: async (t) => void (token = t),
    clear: async () => void (token = null),
  };
}

/** Persists the token in `file`, sealed with `seal`/`open` (Electron: safeStorage). */
export function createFileSessionStore(file: string, crypto: { seal(s: string): Buffer; open(b: Buffer): string }): SessionStore {
  return {
    async load() {
      try {
        return crypto.open(await readFile(file));
      } catch {
        return null;
      }
    },
    async save(token) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, crypto.seal(token), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    },
    clear: () => rm(file, { force: true }),
  };
}
