import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

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
  },
});
