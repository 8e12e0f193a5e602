// A host of a spec's own (`serve.js` as a child process on its own port and data folder) that the
// spec can kill outright and start again on the same port and folder, as when a facilitator's
// laptop drops off the venue network or the host restarts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OwnHost {
  url: string;
  /** Starts the host (again), from `serveJs` (default the built one), and waits until it answers. */
  start(serveJs?: string): Promise<void>;
  /** Kills the host process (SIGKILL: nothing is flushed or said goodbye) and waits for it to go. */
  kill(): Promise<void>;
  /** Kills it if running and removes its data folder. */
  dispose(): Promise<void>;
}

export function ownHost(): OwnHost {
  // Outside the range playwright.config.ts picks its own port from (20000–39999).
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  const url = `http://127.0.0.1:${port}`;
  const data = mkdtempSync(join(tmpdir(), 'slc-e2e-own-host-'));
  let child: ChildProcess | null = null;
  let log = '';

  const kill = async () => {
    if (!child || child.exitCode !== null) return;
    const gone = new Promise((r) => child!.once('exit', r));
    child.kill('SIGKILL');
    await gone;
    child = null;
  };

  return {
    url,
    async start(serveJs = 'dist/server/serve.js') {
      child = spawn(process.execPath, [serveJs, '--port', String(port), '--data', data], { stdio: ['ignore', 'ignore', 'pipe'] });
      child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
      for (let i = 0; i < 150; i++) {
        try {
          if ((await fetch(`${url}/api/health`)).ok) return;
        } catch {
          // not listening yet
        }
        if (child.exitCode !== null) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the host did not start on ${url}:\n${log}`);
    },
    kill,
    async dispose() {
      await kill();
      rmSync(data, { recursive: true, force: true });
    },
  };
}
