#!/usr/bin/env node
// `npm test`: installs what is missing, starts MariaDB and Redis if needed, builds, type-checks,
// lints, then runs every workspace's tests (unit, integration and e2e) against real processes.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run, runAsync, say, warn } from './lib/log.mjs';
import { ensureServices } from './lib/services.mjs';
import { ensureSystem } from './lib/system.mjs';
import { NPM_ENV, ROOT, build, ensureNodeModules } from './lib/workspace.mjs';

/** In dependency order: a broken foundation shows first. */
const SUITES = ['shared', 'nginx-rtmp', 'server', 'deploy', 'viewer-web', 'desktop', 'e2e'];

async function main() {
  const started = Date.now();
  ensureSystem(['nginx', 'nginx-stream', 'ffmpeg', 'chromium']);
  await ensureServices();
  ensureNodeModules();
  build(SUITES.map((s) => `./${s}`).filter((s) => existsSync(path.join(ROOT, s, 'package.json'))).map((s) => readName(s)));
  say('Type-checking…');
  run('npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only'], { cwd: ROOT, env: NPM_ENV });
  say('Linting…');
  run('npx', ['eslint', '.', '--max-warnings=0'], { cwd: ROOT });

  const reports = mkdtempSync(path.join(tmpdir(), 'lait-test-'));
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const failedSuites = [];
  for (const suite of SUITES) {
    if (!existsSync(path.join(ROOT, suite, 'package.json'))) continue;
    say(`Testing ${suite}…`);
    const out = path.join(reports, `${suite}.json`);
    const code = await runAsync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
      cwd: path.join(ROOT, suite),
      env: { ...NPM_ENV, CI: process.env.CI ?? '' },
    });
    const counts = readCounts(out);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    if (code !== 0 || counts.failed > 0 || counts.passed === 0) failedSuites.push(suite);
  }
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  if (failedSuites.length) warn(`Failing suites: ${failedSuites.join(', ')}`);
  say(`All suites done in ${minutes} min`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(failedSuites.length ? 1 : 0);
}

function readName(dir) {
  return JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')).name;
}

function readCounts(file) {
  if (!existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const r = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: r.numPassedTests ?? 0, failed: (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0), skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0) };
}

main().catch((err) => {
  console.error(`[lait] ${err.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
