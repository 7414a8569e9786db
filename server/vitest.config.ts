import { configDefaults, defineConfig } from 'vitest/config';

const ABUSE = 'src/**/*.abuse.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files share MariaDB and Redis; each uses its own database and key prefix, but two cores are all we have.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'server', include: ['src/**/*.test.ts'], exclude: [...configDefaults.exclude, ABUSE], sequence: { groupOrder: 0 } } },
      // The abuse tests time /api/health while the server is under attack: they run after the rest,
      // alone, so another test file's work on the same two cores is not counted as the attack's.
      { extends: true, test: { name: 'abuse', include: [ABUSE], sequence: { groupOrder: 1 } } },
    ],
  },
});
