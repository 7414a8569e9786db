#!/usr/bin/env node
// Entry for `npx lait`: the compiled CLI lives in dist/ (npm start and npm test build it).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/index.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('lait: the server is not built yet. Run `npm run build` (or `npm start`) in the repository first.');
  process.exit(1);
}
const { runCli } = await import(entry.href);
process.exitCode = await runCli(process.argv.slice(2));
