import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files share MariaDB and Redis; each uses its own database and key prefix, but two cores are all we have.
    maxWorkers: 2,
  },
});
