// A standalone page showing the replay components on a trace, for looking at them before the shell mounts them.
//   npx vite build --config renderer/src/replay/preview/vite.config.mts
//   npx vite preview --config renderer/src/replay/preview/vite.config.mts   → http://127.0.0.1:4391/
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const here = import.meta.dirname;
const repo = resolve(here, '../../../..');

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  resolve: { alias: { '@shared': resolve(repo, 'shared') } },
  build: { outDir: resolve(repo, 'out/replay-preview'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  preview: { port: 4391, strictPort: true, host: '127.0.0.1' },
});
