import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { joinFlood } from './join-flood.js';
import type { loginSpray } from './login-spray.js';
import type { slugFlood } from './slug-flood.js';
import type { socketHoard } from './socket-hoard.js';

const here = path.dirname(fileURLToPath(import.meta.url));

type Of<F extends (o: never) => Promise<unknown>> = [Parameters<F>[0], Awaited<ReturnType<F>>];
export interface Attacks {
  'join-flood': Of<typeof joinFlood>;
  'slug-flood': Of<typeof slugFlood>;
  'login-spray': Of<typeof loginSpray>;
  'socket-hoard': Of<typeof socketHoard>;
}

/** Runs an attack in a child process (TypeScript through tsx) and resolves with its result. */
export function inChild<A extends keyof Attacks>(attack: A, options: Attacks[A][0]): Promise<Attacks[A][1]> {
  const child = fork(path.join(here, 'attack-child.ts'), [attack, JSON.stringify(options)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let result: Attacks[A][1] | undefined;
    child.once('message', (m: { result: Attacks[A][1] }) => (result = m.result));
    child.once('error', reject);
    child.once('exit', (code) => (result !== undefined ? resolve(result) : reject(new Error(`attack ${attack} exited with ${code}`))));
  });
}
