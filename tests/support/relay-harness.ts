// Starts a real relay on loopback with a fresh data folder, and connects stock y-websocket
// clients to it, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { startRelay, type Relay, type RelayOptions } from '../../server/relay';

export interface Harness {
  relay: Relay;
  dataDir: string;
  wsUrl: string;
  stop(): Promise<void>;
}

export async function startHarness(options: Partial<RelayOptions> = {}, dataDir = mkdtempSync(join(tmpdir(), 'slc-relay-'))): Promise<Harness> {
  const relay = await startRelay({ dataDir, ...options });
  return {
    relay,
    dataDir,
    wsUrl: relay.url.replace('http', 'ws') + '/ws',
    stop: async () => {
      await relay.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function connectClient(wsUrl: string, room: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
  });
}

export function waitFor(predicate: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}

/** Opens a raw socket and resolves with the close code and every message received first. */
export function rawSession(
  url: string,
  send: Uint8Array[] = [],
  headers: Record<string, string> = {},
  settleMs = 300,
): Promise<{ code: number; messages: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: Buffer[] = [];
    let timer: NodeJS.Timeout | undefined;
    ws.on('open', () => {
      for (const m of send) ws.send(m);
      timer = setTimeout(() => ws.close(1000), settleMs);
    });
    ws.on('message', (d) => messages.push(d as Buffer));
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, messages });
    });
    ws.on('error', reject);
  });
}
