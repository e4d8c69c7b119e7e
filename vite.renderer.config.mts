import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

// The single-file lesson player's script and style (player/), bundled by esbuild into strings that the app's
// "Export Lesson Player…" inlines into the HTML it writes (the CLI builds the same in electron/player/bundle.ts).
function lessonPlayer(): Plugin {
  const id = 'virtual:lesson-player';
  return {
    name: 'lesson-player',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    async load(source) {
      if (source !== `\0${id}`) return undefined;
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [resolve(import.meta.dirname, 'player/main.ts')],
        bundle: true,
        write: false,
        outdir: 'player-out',
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        minify: true,
        legalComments: 'none',
        charset: 'utf8',
        logLevel: 'silent',
      });
      const text = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext))?.text ?? '';
      return `export default ${JSON.stringify({ script: text('.js'), style: text('.css') })};`;
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
