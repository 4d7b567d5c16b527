import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const fromRoot = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

// The renderer is served from app://etal/ in Electron and from the web host's
// root in web mode: relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: {
        main: fromRoot('renderer/index.html'),
        // `npm run bench` opens it in Chromium: the sale path must be measured
        // in a real IndexedDB, built by the same bundler as the app.
        bench: fromRoot('renderer/bench/bench.html'),
      },
    },
  },
});
