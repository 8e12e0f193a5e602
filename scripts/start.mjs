// `npm start`: builds the app, then opens it in Electron. Where no Electron binary can be had
// (it is downloaded on first use, and some networks block that), it says so in one line and
// runs the same app in the browser host instead.
import { ensureSuitableNode } from './node-guard.mjs';
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// On Node older than 22.13 this runs the script again with Node 24 (see node-guard.mjs).
await ensureSuitableNode();

const electronDir = join('node_modules', 'electron');

function electronBinary() {
  try {
    const rel = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const bin = join(electronDir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

let bin = electronBinary();
if (!bin && existsSync(join(electronDir, 'install.js'))) {
  // Electron fetches its binary on first use; try once, quietly, with a time limit.
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 120_000 });
  bin = electronBinary();
}

const build = spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const passthrough = process.argv.slice(2);
if (bin) {
  const child = spawn(bin, ['.', ...passthrough], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron is not available on this machine (its binary could not be downloaded), so the app opens in the browser host instead.');
  const args = passthrough.length ? passthrough : ['--port', '8080', '--data', '.slc-data'];
  const child = spawn(process.execPath, ['dist/server/serve.js', ...args], { stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}
