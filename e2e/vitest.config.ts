import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    testTimeout: 90_000,
    hookTimeout: 90_000,
    // Each spec starts its own server, nginx and ffmpeg on its own ports; two cores run two specs at most.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
