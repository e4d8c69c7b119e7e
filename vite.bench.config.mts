import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The bare React Flow page the editor benchmark compares against.
export default defineConfig({
  root: resolve(import.meta.dirname, 'bench/bare'),
  base: './',
  plugins: [react()],
  build: { outDir: resolve(import.meta.dirname, 'out/bench-bare'), emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  preview: { port: 4183, strictPort: true, host: '127.0.0.1' },
});
