import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

// Which build a page runs (set on <html data-build>): a build server sets SLC_BUILD_ID (a commit,
// a date), and the offline test builds a second client with its own id to watch it replace the first.
const buildId = process.env.SLC_BUILD_ID || pkg.version;

// The renderer is one build for both hosts: the Electron window and the browser (served by the relay).
export default defineConfig({
  root: 'renderer',
  base: './',
  define: { __SLC_BUILD__: JSON.stringify(buildId) },
  plugins: [
    react(),
    // The app shell works without the host once a browser has opened it (Workbox's generated
    // service worker; see renderer/src/offline/app-shell.ts for when and why it is registered).
    VitePWA({
      strategies: 'generateSW',
      // A new version waits until the person says "Reload" (or every tab of the app is closed),
      // rather than skipWaiting: a page keeps the precache it started with, so a board that loads
      // a chunk later (the board itself, PowerPoint export) never mixes two builds, and nobody's
      // page reloads in the middle of typing a card.
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        // Only the app shell: every file of the build, each under its content revision, so a
        // new build's service worker replaces the whole set at once. Source maps stay online.
        globPatterns: ['**/*.{js,css,html,json,svg,png,woff2}'],
        globIgnores: ['**/*.map'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // The first page a browser opens is taken over at once, so a chunk it loads later comes
        // from the precache too; an update still waits for the prompt (no skipWaiting).
        clientsClaim: true,
        skipWaiting: false,
        // A navigation (reload, reopened link) gets the precached index.html; the host's API,
        // metrics and socket paths are never answered from the shell. Nothing else is cached at
        // run time: API answers carry tokens and links, and the doc lives in IndexedDB already.
        // Not anchored at the root, so a host behind a proxy under a sub-path is covered too.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/\/api\//, /\/ws(\/|$)/, /\/metrics$/],
        runtimeCaching: [],
      },
    }),
  ],
  build: {
    outDir: process.env.SLC_RENDERER_OUT || '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    fs: { allow: ['..'] },
  },
});
