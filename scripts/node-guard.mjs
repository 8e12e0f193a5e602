// The project needs Node 22.13+ (node:sqlite without a flag); many machines still have Node 20.
// `npm start`, `npm run serve`, `npm test` and `npm run bench` call ensureSuitableNode() first:
// on an older Node it fetches Node 24 from npm into ~/.cache/slc-node24 once (as .ci/run does)
// and runs the same script again with it; where that cannot be done it stops with one sentence.
// This file must itself run on old Node versions: node: built-ins only, no syntax newer than Node 18.
import { spawn, spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';

export const NODE_PREFIX = process.env.SLC_NODE_PREFIX || join(homedir(), '.cache', 'slc-node24');
const nodeBinary = join(NODE_PREFIX, 'node_modules', 'node', 'bin', process.platform === 'win32' ? 'node.exe' : 'node');

/** Whether this Node version can run the app: node:sqlite without a flag arrived in 22.13. */
export function nodeIsSuitable(version = process.versions.node) {
  const [major, minor] = version.split('.').map(Number);
  return major > 22 || (major === 22 && minor >= 13);
}

function cachedNodeWorks() {
  const r = spawnSync(nodeBinary, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 && nodeIsSuitable(r.stdout.trim());
}

function fetchNode24() {
  console.log(`Node ${process.versions.node} is too old for this app; fetching Node 24 from npm into ${NODE_PREFIX} (once, about 30 MB)...`);
  // Under `npm run`, npm_execpath is the npm that is running us; elsewhere, whatever npm is on PATH.
  const npmCli = process.env.npm_execpath;
  const args = ['install', '--prefix', NODE_PREFIX, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node@24'];
  const r = npmCli
    ? spawnSync(process.execPath, [npmCli, ...args], { stdio: 'ignore', timeout: 600_000 })
    : spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { stdio: 'ignore', timeout: 600_000 });
  return r.status === 0 && cachedNodeWorks();
}

export async function ensureSuitableNode() {
  if (nodeIsSuitable()) return;
  if (!cachedNodeWorks() && !fetchNode24()) {
    console.error(
      `This app needs Node 22.13 or newer (Node 24 recommended) and this machine has Node ${process.versions.node}; install Node 24 from https://nodejs.org/ (or run "npm install --prefix ${NODE_PREFIX} node@24") and run the command again.`,
    );
    process.exit(1);
  }
  // Node 24 first on PATH, so everything this script starts (npx, node) uses it too.
  const env = { ...process.env, PATH: `${dirname(nodeBinary)}${delimiter}${process.env.PATH ?? ''}` };
  const child = spawn(nodeBinary, [process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit', env });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}
