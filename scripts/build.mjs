// Builds everything the app runs: the renderer (Vite), and the relay, the Electron main
// process and preload (esbuild bundles, so the packaged app needs no TypeScript at run time).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { rmSync } from 'node:fs';

const started = Date.now();
rmSync('dist/server', { recursive: true, force: true });
rmSync('dist/electron', { recursive: true, force: true });

process.stdout.write('Building the web client... ');
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('done');

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', legalComments: 'none' };
process.stdout.write('Building the relay and desktop shell... ');
await Promise.all([
  esbuild({
    ...common,
    entryPoints: ['server/serve.ts'],
    outfile: 'dist/server/serve.js',
    format: 'esm',
    // Bundled CommonJS dependencies (ws) call require(); give ESM output a real one.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  esbuild({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs', external: ['electron'] }),
  esbuild({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', external: ['electron'] }),
  esbuild({ ...common, entryPoints: ['electron/relay-process.ts'], outfile: 'dist/electron/relay-process.cjs', format: 'cjs', external: ['electron'] }),
]);
console.log('done');
console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s into dist/`);
