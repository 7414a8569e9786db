import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 45_000,
    hookTimeout: 30_000,
    // Each test runs a real nginx and a real x264 encoder; two cores are shared with other sessions.
    fileParallelism: false,
    maxWorkers: 1,
  },
});
