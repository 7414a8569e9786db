import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // kubectl renders each overlay in a second or two on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
