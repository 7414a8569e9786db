import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where main keeps refresh tokens between runs, one per Lait server URL: a streamer who points the
 * app at a test server and back finds their session on each. The renderer never sees a token; in
 * Electron the file store encrypts them with the OS keychain (safeStorage).
 */
export interface SessionStore {
  load(serverUrl: string): Promise<string | null>;
  save(serverUrl: string, refreshToken: string): Promise<void>;
  clear(serverUrl: string): Promise<void>;
}

/** Keeps the tokens for this process only (tests, headless runs, no keychain). */
export function createMemorySessionStore(): SessionStore {
  const tokens = new Map<string, string>();
  return {
    load: async (server) => tokens.get(server) ?? null,
    save: async (server, t) => void tokens.set(server, t),
    clear: async (server) => void tokens.delete(server),
  };
}

/** Persists the tokens in `file` as one sealed JSON map `{ serverUrl: token }` (Electron: safeStorage). */
export function createFileSessionStore(file: string, crypto: { seal(s: string): Buffer; open(b: Buffer): string }): SessionStore {
  const read = async (): Promise<Record<string, string>> => {
    try {
      const map: unknown = JSON.parse(crypto.open(await readFile(file)));
      // A file from before sessions were kept per server holds a bare token: it is dropped (sign in once).
      return map !== null && typeof map === 'object' && !Array.isArray(map) ? (map as Record<string, string>) : {};
    } catch {
      return {};
    }
  };
  // One write at a time: a save and a clear racing would each rewrite the map from a stale copy.
  let queue: Promise<unknown> = Promise.resolve();
  const update = (change: (map: Record<string, string>) => void) => {
    const run = queue.then(async () => {
      const map = await read();
      change(map);
      if (Object.keys(map).length === 0) return rm(file, { force: true });
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, crypto.seal(JSON.stringify(map)), { mode: 0o600 });
      await rename(`${file}.tmp`, file);
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    load: async (server) => (await read())[server] ?? null,
    save: (server, token) => update((map) => void (map[server] = token)),
    clear: (server) => update((map) => void delete map[server]),
  };
}
