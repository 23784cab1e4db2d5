import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';

/**
 * Five entry points run in Node: the Electron main process, the training worker it starts,
 * the worker that unpacks project files, the command line and the browser host server. The
 * preload is CommonJS because Electron runs sandboxed preloads as plain scripts. The renderer is a static Vue bundle that both
 * Electron and the browser host serve.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/electron/main.ts'),
          'training-worker': resolve('src-main/worker/training-worker.ts'),
          'project-unpack-worker': resolve('src-main/worker/project-unpack-worker.ts'),
          cli: resolve('src-main/cli/main.ts'),
          serve: resolve('src-main/host/serve.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron': bundle its dependencies (zod, via the contract).
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-main/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve('src-renderer/index.html') },
    },
    plugins: [vue()],
  },
});
