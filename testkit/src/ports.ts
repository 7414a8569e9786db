import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Ports for tests come from below Linux's ephemeral range (32768–60999 by default). A port the OS
 * hands out for `listen(0)` is in that range, and so is the local end of every outgoing connection:
 * between the probe closing and nginx binding, a test's own HTTP client could take it (CI once saw
 * "port 127.0.0.1:43769 is already in use"). Here no outgoing connection ever lands.
 */
const FIRST = 20_000;
const LAST = 32_000;
/** Test processes run side by side (vitest workers, suites): a port handed out is reserved for them all by a lock file. */
const LOCKS = path.join(tmpdir(), 'lait-test-ports');
/** Long enough for the slowest start (server, then nginx) to bind what it was given. */
const HOLD_MS = 5 * 60_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Takes the port for this process unless another test process took it within HOLD_MS. */
function reserve(port: number): boolean {
  const lock = path.join(LOCKS, String(port));
  try {
    closeSync(openSync(lock, 'wx'));
    return true;
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs < HOLD_MS) return false;
      rmSync(lock, { force: true });
      closeSync(openSync(lock, 'wx'));
      return true;
    } catch {
      return false;
    }
  }
}

let swept = false;
function sweepStale(): void {
  if (swept) return;
  swept = true;
  for (const name of readdirSync(LOCKS)) {
    try {
      if (Date.now() - statSync(path.join(LOCKS, name)).mtimeMs > HOLD_MS) rmSync(path.join(LOCKS, name), { force: true });
    } catch {
      // Another process swept it.
    }
  }
}

/** A port nothing listens on, outside the ephemeral range, and handed to no other test process in the last few minutes. */
export async function freePort(): Promise<number> {
  mkdirSync(LOCKS, { recursive: true, mode: 0o777 });
  sweepStale();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = FIRST + Math.floor(Math.random() * (LAST - FIRST));
    if (!reserve(port)) continue;
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${FIRST} and ${LAST} after 200 tries (locks in ${LOCKS})`);
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${(lastError as Error).message})` : ''}`);
}
