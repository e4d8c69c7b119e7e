import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { buildPlayerBundle } from './scripts/build-player.mjs';

// The single-file lesson player's script and style (player/), built with the same options as the CLI's prebuilt
// copy (scripts/build-player.mjs), as strings that "Export Lesson Player…" inlines into the HTML it writes (in web
// mode's slides worker; in the desktop app's main process, electron.vite.config.ts).
export function lessonPlayer(): Plugin {
  const id = 'virtual:lesson-player';
  return {
    name: 'lesson-player',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    async load(source) {
      if (source !== `\0${id}`) return undefined;
      return `export default ${JSON.stringify(await buildPlayerBundle())};`;
    },
  };
}

// One renderer config for both electron-vite (desktop) and plain vite (web mode, e2e tests).
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  publicDir: resolve(import.meta.dirname, 'resources/public'),
  plugins: [react(), lessonPlayer()],
  // The slides worker writes lesson players too.
  worker: { format: 'es', plugins: () => [lessonPlayer()] },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
  },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
};

export default defineConfig(rendererConfig);
