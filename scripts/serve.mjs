// `npm run serve`: builds when the build is missing or older than the sources, then runs the host.
import { ensureSuitableNode } from './node-guard.mjs';
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// On Node older than 22.13 this runs the script again with Node 24 (see node-guard.mjs).
await ensureSuitableNode();

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = 'dist/server/serve.js';
const stale =
  !existsSync(built) ||
  !existsSync('dist/renderer/index.html') ||
  Math.max(...['renderer', 'shared', 'server', 'resources'].map(newest)) > statSync(built).mtimeMs;
if (stale) {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const child = spawn(process.execPath, [built, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
