import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { lessonPlayer, rendererConfig } from './vite.renderer.config.mts';

export default defineConfig({
  main: {
    // File ▸ Export ▸ Lesson Player… is made in main (electron/main/slides-ipc.ts) with the player built in.
    plugins: [lessonPlayer()],
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    ...rendererConfig,
    base: undefined,
    preview: undefined,
  },
});
