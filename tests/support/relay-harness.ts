// Starts a real relay on loopback with a fresh data folder, and connects stock y-websocket
// clients to it, for integration tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { beforeEach, afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import { startRelay, type Relay, type RelayOptions } from '../../server/relay';
import { MessageType } from '../../shared/protocol';
import { VoterTickets } from '../../server/voter-tickets';
import { decodeControlJson } from '../../shared/relay-messages';

export interface Harness {
  relay: Relay;
  dataDir: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/**
 * Voter tickets signed with each running relay's key, by socket URL, so a test's client is one
 * person across its reconnects as the app is (the app keeps the ticket the relay sends it).
 */
const ticketMakers = new Map<string, VoterTickets>();

/** A fresh voter ticket the relay whose data folder is `dataDir` will honour: a new person. */
export function newPerson(dataDir: string): string {
  return new VoterTickets(dataDir, () => {}).issue();
}

export async function startHarness(options: Partial<RelayOptions> = {}, dataDir = mkdtempSync(join(tmpdir(), 'slc-relay-'))): Promise<Harness> {
  const relay = await startRelay({ dataDir, ...options });
  ticketMakers.set(relay.url.replace('http', 'ws') + '/ws', new VoterTickets(dataDir, () => {}));
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

/**
 * A fresh relay with its own data folder for each test of the file, stopped and removed after
 * it: `let h: Harness; harnessPerTest((fresh) => (h = fresh), () => h);`. A test may replace
 * `h` (a restart on the same folder); whichever is current then is the one cleaned up.
 */
export function harnessPerTest(set: (h: Harness) => void, get: () => Harness): void {
  beforeEach(async () => set(await startHarness()));
  afterEach(async () => {
    const h = get();
    await h.stop();
    removeDir(h.dataDir);
  });
}

export interface ClientOptions {
  /** ask for the relay's extra messages (welcome, saved), as the app does */
  ext?: boolean;
  /** connect straight away (the default) */
  connect?: boolean;
  maxBackoffTime?: number;
  /** the voter ticket to come back with; by default a new person's, kept across reconnects */
  voter?: string;
  /** who the client says it is, as the app sends it (name and organisation) */
  identity?: { name: string; organisation: string };
}

export function connectClient(wsUrl: string, room: string, token: string, doc = new Y.Doc(), options: ClientOptions = {}): WebsocketProvider {
  const voter = options.voter ?? ticketMakers.get(wsUrl)?.issue();
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: {
      token,
      ...(options.ext ? { ext: '1' } : {}),
      ...(voter ? { voter } : {}),
      ...(options.identity ? { name: options.identity.name, org: options.identity.organisation } : {}),
    },
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: options.maxBackoffTime ?? 200,
  });
  if (options.ext) {
    // The stock client logs unknown message types; the extension messages are read here instead.
    provider.messageHandlers[MessageType.welcome] = (_enc, decoder) => void decoding.readVarString(decoder);
    provider.messageHandlers[MessageType.saved] = (_enc, decoder) => void decoding.readVarUint8Array(decoder);
    // Like the app, come back with the voter ticket the relay issued: the same person again.
    provider.messageHandlers[MessageType.control] = (_enc, decoder) => {
      const msg = decodeControlJson(decoder) as { kind?: string; voterId?: string };
      if (msg.kind === 'voter' && msg.voterId) provider.params = { ...provider.params, voter: msg.voterId };
    };
  }
  return provider;
}

/**
 * Follows the relay's "saved" messages on a provider connected with `ext: true`: `clock()` is the
 * highest clock of the provider's own client id that the relay has reported as durably written.
 */
export function trackSaved(provider: WebsocketProvider): { clock(): number; vectors: Map<number, number>[] } {
  const vectors: Map<number, number>[] = [];
  let clock = 0;
  provider.messageHandlers[MessageType.saved] = (_enc, decoder) => {
    const sv = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    vectors.push(sv);
    clock = Math.max(clock, sv.get(provider.doc.clientID) ?? 0);
  };
  return { clock: () => clock, vectors };
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

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a raw socket and resolves with the close code and every message received first. */
export function rawSession(
  url: string,
  send: Array<Uint8Array | string> = [],
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

/** Creates a workshop through the relay's API, as the app does. */
export async function createWorkshop(
  httpUrl: string,
  title = 'Workshop',
): Promise<{ id: string; tokens: { facilitator: string; participant: string; viewer: string } }> {
  const res = await fetch(`${httpUrl}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  });
  if (res.status !== 201) throw new Error(`creating a workshop: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string; tokens: { facilitator: string; participant: string; viewer: string } };
}
