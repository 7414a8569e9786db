import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const API_TARGET = 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      // Host stays localhost:5173, matching the page's Origin: the server's login CSRF check accepts it.
      '/api': { target: API_TARGET, changeOrigin: false },
      '/socket.io': { target: API_TARGET, ws: true, changeOrigin: true },
    },
  },
  // hls.js alone is ≈600 kB minified; it sits in the lazily loaded player chunk.
  // No source maps in the build: the production site would serve them (issue 9). `vite` (dev) still has them.
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 700 },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    // The machine has two shared cores: one worker keeps test runs from starving other work.
    maxWorkers: 1,
    // jsdom renders of whole pages take a few seconds on a loaded 2-core machine; 5 s timed out there.
    testTimeout: 15_000,
    css: false,
  },
});
