// Runs the standalone relay (server/serve.ts --no-client) as a child process, so a test can
// kill -9 it and start it again on the same data folder. The entry is bundled once with esbuild,
// as `npm run build` would, into a temporary folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

export async function bundleRelay(): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'slc-relay-bin-')), 'serve.mjs');
  await build({
    entryPoints: [join(root, 'server/serve.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return outfile;
}

export interface RelayProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  wsUrl: string;
  output(): string;
  /** resolves with the exit code or signal */
  exited: Promise<string>;
}

export function startRelayProcess(bundle: string, dataDir: string, args: string[] = []): Promise<RelayProcess> {
  const child = spawn(process.execPath, [bundle, '--no-client', '--port', '0', '--data', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<string>((resolveExit) => child.on('exit', (code, signal) => resolveExit(signal ?? String(code))));
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`relay did not start:\n${out}`)), 15_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/[^\s/]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveStart({ child, url: m[1]!, wsUrl: m[1]!.replace('http', 'ws') + '/ws', output: () => out, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`relay exited (${how}) before it started:\n${out}`));
    });
  });
}
