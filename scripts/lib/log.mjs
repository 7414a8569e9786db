// Small helpers for the project's own scripts: Node built-ins only, so they run on a fresh clone.
import { spawn, spawnSync } from 'node:child_process';

export const say = (msg) => console.log(`\x1b[36m[lait]\x1b[0m ${msg}`);
export const warn = (msg) => console.log(`\x1b[33m[lait]\x1b[0m ${msg}`);
export const fail = (msg) => {
  console.error(`\x1b[31m[lait]\x1b[0m ${msg}`);
  process.exit(1);
};

/** Runs a command with inherited output; throws with the command line when it fails. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status ?? res.signal})`);
}

/** Runs a command and resolves with its exit code (output inherited). */
export function runAsync(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', ...opts, env: { ...process.env, ...opts.env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
