// npm dependencies and builds for the project's own commands.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, say } from './log.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Electron's postinstall fetches its binary from GitHub, which our machines cannot reach. */
export const NPM_ENV = { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };

/** Installs npm packages when node_modules is missing or older than the lock file. */
export function ensureNodeModules() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (existsSync(marker) && existsSync(lock) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  say('Installing npm packages (npm install)…');
  // --include=dev: the build needs TypeScript, Vite and turbo even when NODE_ENV=production (npm would omit them).
  run('npm', ['install', '--include=dev', '--no-audit', '--no-fund'], { cwd: ROOT, env: NPM_ENV });
}

/** Builds the given workspaces (and what they depend on) through turbo. */
export function build(workspaces) {
  const filters = workspaces.flatMap((w) => ['--filter', `${w}...`]);
  say(`Building ${workspaces.join(', ')}…`);
  run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only', ...filters], { cwd: ROOT, env: NPM_ENV });
}
