import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is one build for both hosts: the Electron window and the browser (served by the relay).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    fs: { allow: ['..'] },
  },
});
