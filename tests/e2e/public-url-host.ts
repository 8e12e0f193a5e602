// A second built host (`dist/server/serve.js`) on loopback, started with --public-url: the host of
// a room reached through a proxy. Its Invite dialog names the public URL and shows a QR code,
// while every request the browser makes still goes to 127.0.0.1 (nothing here may reach a LAN).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { watchHostOutput } from './host-output';

export const PUBLIC_URL = 'https://canvas.example.org/';

export interface PublicUrlHost {
  /** http://127.0.0.1:<port>, where the browser opens it */
  url: string;
  stop(): void;
}

export async function startPublicUrlHost(): Promise<PublicUrlHost> {
  const dir = mkdtempSync(join(tmpdir(), 'slc-public-url-host-'));
  const child = spawn(process.execPath, ['dist/server/serve.js', '--port', '0', '--data', join(dir, 'data'), '--public-url', PUBLIC_URL], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = watchHostOutput(child, 'http', 'the host');
  const stop = () => {
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  };
  const url = await output.url.catch((err: unknown) => {
    stop();
    throw err;
  });
  return { url, stop };
}
