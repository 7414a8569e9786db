import { defineConfig } from 'vitest/config';

/**
 * Specs that measure playback under a throttled link (stalls counted): run alone, after the others,
 * so another spec's ffmpeg and Chromium do not starve the player of CPU and read as network stalls.
 */
const ALONE = ['specs/player/adaptive.spec.ts'];

const shared = { testTimeout: 90_000, hookTimeout: 90_000 };

export default defineConfig({
  test: {
    // Each spec starts its own server, nginx and ffmpeg on its own ports; two cores run two specs at most.
    maxWorkers: 2,
    fileParallelism: true,
    projects: [
      { test: { ...shared, name: 'e2e', include: ['specs/**/*.spec.ts'], exclude: ALONE, sequence: { groupOrder: 0 } } },
      { test: { ...shared, name: 'e2e-alone', include: ALONE, sequence: { groupOrder: 1 } } },
    ],
  },
});
