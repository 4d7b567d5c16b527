import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const fromRoot = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

// The renderer is served from app://etal/ in Electron and from the web host's
// root in web mode: relative asset paths work for both.
//
// `vite build --mode bench` (what `npm run bench` runs) builds the benchmark
// page alone into dist/bench: the sale path is measured in a real IndexedDB,
// built by the same bundler as the app. It is never part of dist/renderer,
// which the web host serves and the installers pack: the page creates
// databases and must not be reachable on a till.
export default defineConfig(({ mode }) => ({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: mode === 'bench' ? '../dist/bench' : '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      input: mode === 'bench' ? { bench: fromRoot('renderer/bench/bench.html') } : { main: fromRoot('renderer/index.html') },
    },
  },
}));
