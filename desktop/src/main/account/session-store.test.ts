import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileSessionStore } from './session-store.js';

// Stands in for safeStorage: reversible, and the file never holds a token in the clear.
const crypto = {
  seal: (s: string) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
  open: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
};

let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('file session store', () => {
  it('keeps one sealed token per server across runs, and forgets one server without the other', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lait-sessions-'));
    const file = join(dir, 'session.bin');
    const first = createFileSessionStore(file, crypto);
    await Promise.all([first.save('https://lait.example', 'rt-prod'), first.save('http://127.0.0.1:3000', 'rt-local')]);
    expect((await readFile(file)).toString('latin1')).not.toContain('rt-prod');

    const next = createFileSessionStore(file, crypto);
    expect(await next.load('https://lait.example')).toBe('rt-prod');
    expect(await next.load('http://127.0.0.1:3000')).toBe('rt-local');
    await next.clear('http://127.0.0.1:3000');
    expect(await next.load('http://127.0.0.1:3000')).toBeNull();
    expect(await next.load('https://lait.example')).toBe('rt-prod');
  });

  it('reads a file from before sessions were per server as no session, not as a crash', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lait-sessions-'));
    const file = join(dir, 'session.bin');
    await writeFile(file, crypto.seal('bare-old-token'));
    const store = createFileSessionStore(file, crypto);
    expect(await store.load('https://lait.example')).toBeNull();
    await store.save('https://lait.example', 'rt-new');
    expect(await store.load('https://lait.example')).toBe('rt-new');
  });
});
