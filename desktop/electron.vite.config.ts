import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';

// Workspace and pure-JS deps are bundled: the sandboxed preload cannot require anything but
// 'electron', and bundling @lait/shared keeps the packaged app free of workspace symlinks.
const root = dirname(fileURLToPath(import.meta.url));
const bundled = ['@lait/shared', '@sinclair/typebox'];

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin({ exclude: bundled })],
    build: { rollupOptions: { input: { index: resolve(root, 'src/main/index.ts') } } },
  },
  preload: {
    plugins: [externalizeDepsPlugin({ exclude: bundled })],
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // sandbox: true runs preloads as CommonJS only.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react()],
    // The compositor/encoder worker imports mediabunny; ES workers allow code-splitting.
    worker: { format: 'es' },
    build: { rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } } },
  },
});
