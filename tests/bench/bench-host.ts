// The real host for browser benchmarks: the production build (`npm run build`) served by
// `dist/server/serve.js` on a free loopback port, with a data folder of its own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';

export const freePort = () =>
  new Promise<number>((res, rej) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Builds the app as `npm run build` does; benchmarks measure what people would run. */
export function buildApp(root: string): void {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error('npm run build failed');
}

export async function startHost(root: string, label: string): Promise<{ url: string; proc: ChildProcess; data: string }> {
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), `slc-bench-${label}-`));
  const proc = spawn(process.execPath, ['dist/server/serve.js', '--port', String(port), '--data', data], { cwd: root, stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return { url, proc, data };
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error('the host did not start');
}

/** A new workshop on the host and a stock y-websocket client in it (as facilitator), synced. */
export async function connectedWorkshop(
  hostUrl: string,
  title: string,
): Promise<{ id: string; tokens: { facilitator: string; participant: string; viewer: string }; doc: Y.Doc; provider: WebsocketProvider }> {
  const res = await fetch(`${hostUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, footprint: 'Bench ICS', academyId: '', date: '2027-01-01' }),
  });
  const created = (await res.json()) as { id: string; tokens: { facilitator: string; participant: string; viewer: string } };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(hostUrl.replace('http', 'ws') + '/ws', created.id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token: created.tokens.facilitator },
    disableBc: true,
  });
  await new Promise<void>((r) => (provider.synced ? r() : provider.once('sync', () => r())));
  return { ...created, doc, provider };
}
