import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// One renderer config for both electron-vite (desktop) and plain vite (web mode, e2e tests).
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  publicDir: resolve(import.meta.dirname, 'resources/public'),
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: { input: resolve(import.meta.dirname, 'renderer/index.html') },
  },
  preview: { port: 4173, strictPort: true, host: '127.0.0.1' },
};

export default defineConfig(rendererConfig);
