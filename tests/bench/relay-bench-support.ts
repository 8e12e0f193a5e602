// Pieces of the relay benchmark (tests/bench/relay.bench.ts): the processes it runs beside
// itself, and a lightweight protocol client for the fan-out load.
//
// The benchmark bundle is started again as a child process with SLC_BENCH_ROLE set: "relay"
// runs the relay (and a raw ws echo server for comparison) in its own process, so clients and
// relay never share an event loop; "crowd" runs extra stock y-websocket clients for a busy room.
// Parent and children talk over Node's IPC channel.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as Y from 'yjs';
import WebSocket, { WebSocketServer } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { startRelay, type Relay } from '../../server/relay';
import { VoterTickets } from '../../server/voter-tickets';
import { MessageType } from '../../shared/protocol';
import { frameworkIndex } from '../../shared/framework';
import { addCard, loadSample, setCardText } from '../../shared/doc';
import sample from '../../resources/sample-workshop.json';

export interface Workshop {
  id: string;
  tokens: { facilitator: string; participant: string; viewer: string };
}

type Request =
  | { type: 'create'; count: number; seeded: boolean }
  | { type: 'stats' }
  | { type: 'cpu' }
  | { type: 'tickets'; count: number }
  | { type: 'join'; wsUrl: string; id: string; token: string; count: number; ca?: string; voters?: string[] }
  | { type: 'leave' }
  /** relay: memory now, without a gc first (cheap enough to sample during a run), and the peak so far */
  | { type: 'memory' }
  /** relay: its counters as /metrics shows them (Prometheus text) */
  | { type: 'metrics' }
  /** relay: a workshop's doc as one update, from its loaded room, or from its file once the room has been saved and unloaded */
  | { type: 'room'; id: string; from: 'memory' | 'disk' }
  /** a request for a role a bench defines itself (relay-tables' crowd): `op` says what, `body` with what */
  | { type: 'role'; op: string; body?: unknown };

interface Reply {
  type: string;
  [k: string]: unknown;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** A child process running one role, with request/reply over IPC (one request at a time). */
export class Peer {
  private waiting: ((r: Reply) => void) | null = null;

  private constructor(
    readonly child: ChildProcess,
    readonly ready: Reply,
  ) {
    child.on('message', (m) => {
      const w = this.waiting;
      this.waiting = null;
      w?.(m as Reply);
    });
    child.on('exit', (code, signal) => {
      const w = this.waiting;
      this.waiting = null;
      w?.({ type: 'exited', code, signal });
    });
  }

  /** `env` adds to the child's environment: SLC_BENCH_TLS_CERT/_KEY (PEM files) make the relay serve TLS. */
  static async spawn(role: 'relay' | 'crowd' | 'stock' | 'tables-crowd', env: Record<string, string> = {}): Promise<Peer> {
    // SLC_BENCH_CPU_PROF=1 profiles our relay's process (written to node_modules/.bench/ when it is stopped).
    const profile = role === 'relay' && process.env.SLC_BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=node_modules/.bench/profiles'] : [];
    const child = spawn(process.execPath, ['--expose-gc', '--enable-source-maps', ...profile, process.argv[1]!], {
      env: { ...process.env, ...env, SLC_BENCH_ROLE: role },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const ready = await new Promise<Reply>((resolve, reject) => {
      child.once('message', (m) => resolve(m as Reply));
      child.once('exit', (code) => reject(new Error(`${role} process exited (${code}) before it was ready`)));
    });
    return new Peer(child, ready);
  }

  request<T = Reply>(req: Request, timeoutMs = 60_000): Promise<T> {
    if (this.waiting) throw new Error('one request at a time');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to ${req.type} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = (r) => {
        clearTimeout(timer);
        if (r.type === 'exited') reject(new Error(`the child process exited (${String(r.signal ?? r.code)}) during ${req.type}`));
        else resolve(r as T);
      };
      this.child.send(req);
    });
  }

  stop(): void {
    // A profiled process must exit on its own for its profile to be written.
    this.child.kill(process.env.SLC_BENCH_CPU_PROF ? 'SIGTERM' : 'SIGKILL');
  }
}

/** The "relay" role: the real relay with default limits, and an echo server for the raw round trip. */
export async function relayRole(): Promise<never> {
  process.setMaxListeners(0);
  const dataDir = mkdtempSync(join(tmpdir(), 'slc-bench-relay-'));
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  process.on('SIGTERM', () => process.exit(0));
  const certFile = process.env.SLC_BENCH_TLS_CERT;
  const keyFile = process.env.SLC_BENCH_TLS_KEY;
  const tls = certFile && keyFile ? { cert: readFileSync(certFile), key: readFileSync(keyFile) } : undefined;
  // What the relay logs (refusals, dropped connections, errors): counted, and the first lines kept, for 'metrics'.
  const logged: string[] = [];
  let logLines = 0;
  const log = (line: string): void => {
    logLines++;
    if (logged.length < 50) logged.push(line.slice(0, 400));
  };
  const relay = await startRelay({ dataDir, tls, log });
  // Voter tickets signed with the relay's key, for clients that come back as the same person (as the app's do).
  const tickets = new VoterTickets(dataDir, () => {});
  // Over TLS the raw echo is over TLS too, so the comparison is still relay work against transport.
  const echoHttps = tls ? createHttpsServer(tls) : undefined;
  const echo = echoHttps ? new WebSocketServer({ server: echoHttps }) : new WebSocketServer({ host: '127.0.0.1', port: 0 });
  echo.on('connection', (ws) => ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary })));
  if (echoHttps) await new Promise<void>((resolve) => echoHttps.listen(0, '127.0.0.1', resolve));
  else await new Promise((resolve) => echo.once('listening', resolve));
  const echoPort = ((echoHttps ?? echo).address() as { port: number }).port;
  let cpuMark = process.cpuUsage();
  let cpuAt = performance.now();
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  process.on('message', (req: Request) => {
    if (req.type === 'create') {
      const workshops: Workshop[] = [];
      for (let i = 0; i < req.count; i++) {
        const created = relay.store.create({ title: `Bench ${i}`, footprint: 'Bench ICS', academyId: '', date: '' });
        if (req.seeded) {
          // The worked example (30 cards, 8 plan items): what a real workshop's room holds.
          seedWithSample(relay, created.id);
        }
        workshops.push(created);
      }
      process.send!({ type: 'created', workshops });
    } else if (req.type === 'tickets') {
      process.send!({ type: 'tickets', tickets: Array.from({ length: req.count }, () => tickets.issue()) });
    } else if (req.type === 'stats') {
      gc();
      gc();
      const m = process.memoryUsage();
      process.send!({ type: 'stats', heapUsed: m.heapUsed, rss: m.rss, external: m.external, arrayBuffers: m.arrayBuffers, rooms: relay.rooms.size });
    } else if (req.type === 'memory') {
      const m = process.memoryUsage();
      // maxRSS is the process's peak resident set since it started, in KiB.
      process.send!({ type: 'memory', heapUsed: m.heapUsed, rss: m.rss, peakRss: process.resourceUsage().maxRSS * 1024, rooms: relay.rooms.size });
    } else if (req.type === 'metrics') {
      void relay.metrics.render().then(({ body }) => process.send!({ type: 'metrics', text: body, logLines, logged }));
    } else if (req.type === 'room') {
      void roomState(relay, req.id, req.from).then(
        (update) => process.send!({ type: 'room', update: update ? Buffer.from(update).toString('base64') : null }),
        (err: unknown) => process.send!({ type: 'room', update: null, error: (err as Error).message }),
      );
    } else if (req.type === 'cpu') {
      const used = process.cpuUsage(cpuMark);
      const elapsed = performance.now() - cpuAt;
      cpuMark = process.cpuUsage();
      cpuAt = performance.now();
      const delay = { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 };
      loopDelay.reset();
      process.send!({ type: 'cpu', percent: ((used.user + used.system) / 1000 / elapsed) * 100, delay });
    }
  });
  process.send!({ type: 'ready', url: relay.url, wsUrl: relay.url.replace('http', 'ws') + '/ws', echoUrl: `${tls ? 'wss' : 'ws'}://127.0.0.1:${echoPort}` });
  return new Promise<never>(() => {});
}

/**
 * A workshop's doc as one update: from its loaded room (null if it is not loaded), or from its
 * file, after waiting for the room to be saved and unloaded (everyone has left).
 */
async function roomState(relay: Relay, id: string, from: 'memory' | 'disk'): Promise<Uint8Array | null> {
  if (from === 'memory') {
    const room = relay.rooms.get(id);
    return room ? Y.encodeStateAsUpdate(room.doc) : null;
  }
  await waitFor(() => !relay.rooms.has(id), 30_000, 'the room to be saved and unloaded');
  for (let attempt = 0; ; attempt++) {
    // The file may still be being compacted in the background; SQLite waits for its lock, and a read that fails is retried.
    try {
      const file = relay.store.open(id);
      const doc = new Y.Doc();
      try {
        file.loadInto(doc);
        return Y.encodeStateAsUpdate(doc);
      } finally {
        file.close();
        doc.destroy();
      }
    } catch (err) {
      if (attempt >= 10) throw err;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** ws, trusting `ca` (a PEM certificate) when given: how the bench's clients reach a TLS relay. */
export function socketClass(ca?: string): new (address: string, protocols?: string | string[]) => WebSocket {
  if (!ca) return WebSocket;
  return class TrustingSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { ca });
    }
  };
}

/** `voter`: a voter ticket the relay signed, sent as the app does (`?voter=`). */
export function stockClient(wsUrl: string, id: string, token: string, doc = new Y.Doc(), ca?: string, voter?: string): WebsocketProvider {
  return new WebsocketProvider(wsUrl, id, doc, {
    WebSocketPolyfill: socketClass(ca) as unknown as typeof globalThis.WebSocket,
    params: voter ? { token, voter } : { token },
    disableBc: true,
  });
}

/** Destroys a stock client completely: provider.destroy() alone leaves its awareness timer running. */
export function closeStock(p: WebsocketProvider): void {
  p.destroy();
  p.awareness.destroy();
  p.doc.destroy();
}

export async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const started = performance.now();
  while (!predicate()) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The "crowd" role: extra stock clients that sit in a room and apply everything they receive. */
export async function crowdRole(): Promise<never> {
  // Each stock provider adds a process 'exit' listener.
  process.setMaxListeners(0);
  let providers: WebsocketProvider[] = [];
  process.on('message', (req: Request) => {
    void (async () => {
      if (req.type === 'join') {
        for (let i = 0; i < req.count; i++) providers.push(stockClient(req.wsUrl, req.id, req.token, new Y.Doc(), req.ca, req.voters?.[i]));
        await waitFor(() => providers.every((p) => p.synced), 30_000, 'crowd synced');
        process.send!({ type: 'joined', count: providers.length });
      } else if (req.type === 'leave') {
        for (const p of providers) closeStock(p);
        providers = [];
        process.send!({ type: 'left' });
      }
    })();
  });
  process.send!({ type: 'ready' });
  return new Promise<never>(() => {});
}

const MARK_OPEN = Buffer.from('@@');
const MARK_CLOSE = 0x23; // '#'

/**
 * A minimal protocol client for fan-out load: it syncs like a stock client, writes real card
 * edits made with the shared doc writers, and on receipt only looks for the sequence number
 * written into the card text (no Yjs decoding), so thousands fit in one process.
 */
export class LoadClient {
  readonly doc = new Y.Doc();
  private cardId = '';
  private ws!: WebSocket;

  constructor(readonly onReceive: (seq: number) => void) {}

  async connect(url: string): Promise<void> {
    this.ws = new WebSocket(url);
    this.ws.binaryType = 'nodebuffer';
    let synced = false;
    this.ws.on('message', (data: Buffer) => {
      // Sync update (0, 2) carrying an edit: find "@@<seq>#" in the card text bytes.
      if (data[0] === MessageType.sync && data[1] === syncProtocol.messageYjsUpdate) {
        const at = data.indexOf(MARK_OPEN, 3);
        if (at >= 0) {
          let seq = 0;
          for (let i = at + 2; i < data.length && data[i] !== MARK_CLOSE; i++) seq = seq * 10 + (data[i]! - 48);
          this.onReceive(seq);
        }
      } else if (data[0] === MessageType.sync && data[1] === syncProtocol.messageYjsSyncStep2) synced = true;
    });
    this.doc.on('update', (update: Uint8Array) => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.sync);
      syncProtocol.writeUpdate(enc, update);
      this.ws.send(encoding.toUint8Array(enc));
    });
    await new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeSyncStep1(enc, this.doc);
    this.ws.send(encoding.toUint8Array(enc));
    await waitFor(() => synced, 30_000, 'load client synced');
    this.cardId = addCard(this.doc, { kind: 'priority', text: 'load', domainId: 'innovation-and-improvement', position: { x: 0, y: 0 } });
  }

  write(seq: number): void {
    setCardText(this.doc, this.cardId, `@@${seq}#`);
  }

  close(): void {
    this.ws.close();
    this.doc.destroy();
  }
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] ?? NaN };
}

/** Writes the worked example into a workshop's file (while its room is closed), as one stored edit. */
export function seedWithSample(relay: Relay, id: string): void {
  const file = relay.store.open(id);
  const doc = new Y.Doc();
  file.loadInto(doc);
  const before = Y.encodeStateVector(doc);
  loadSample(doc, sample, frameworkIndex, null, false);
  file.append([Y.encodeStateAsUpdate(doc, before)]);
  file.compact(doc);
  file.close();
  doc.destroy();
}

/** Presence (awareness) messages a client heard from the relay and sent to it, counted as they go. */
export interface PresenceTraffic {
  /** awareness messages received, the presence states they held, and their bytes */
  heard: number;
  heardStates: number;
  heardBytes: number;
  /** awareness messages sent (own presence, and for a stock client every change it heard), and their bytes */
  sent: number;
  sentBytes: number;
}

/**
 * Counts a provider's presence traffic: the awareness messages it hears (and the states in each)
 * and those it sends on every socket it opens. Set up right after the provider is made.
 */
export function countPresence(provider: WebsocketProvider): PresenceTraffic {
  const t: PresenceTraffic = { heard: 0, heardStates: 0, heardBytes: 0, sent: 0, sentBytes: 0 };
  const onAwareness = provider.messageHandlers[MessageType.awareness]!;
  provider.messageHandlers[MessageType.awareness] = (encoder, decoder, ...rest) => {
    try {
      const update = decoding.readVarUint8Array(decoding.clone(decoder));
      t.heardStates += decoding.readVarUint(decoding.createDecoder(update));
      t.heardBytes += update.byteLength;
    } catch {
      // Not readable: the provider's own handler will say so.
    }
    t.heard++;
    onAwareness(encoder, decoder, ...rest);
  };
  provider.on('status', ({ status }: { status: string }) => {
    const ws = provider.ws;
    if (status !== 'connected' || !ws) return;
    const send = ws.send.bind(ws);
    ws.send = (data: string | ArrayBufferLike | Blob | ArrayBufferView) => {
      if (data instanceof Uint8Array && data.byteLength > 0 && decoding.readVarUint(decoding.createDecoder(data)) === MessageType.awareness) {
        t.sent++;
        t.sentBytes += data.byteLength;
      }
      send(data);
    };
  });
  return t;
}
