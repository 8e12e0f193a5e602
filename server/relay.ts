// The relay: an HTTP server that serves the web client and a small JSON API (http-routes.ts),
// and upgrades /ws/<workshop-id> to the y-websocket protocol (socket-upgrade.ts admits a socket,
// peer-connection.ts connects it to its room, room-registry.ts keeps the rooms). This file puts
// them together, listens, keeps sockets alive and shuts everything down.
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import { CloseCode, Limits } from '../shared/protocol';
import type { Room } from './room';
import { WorkshopFolder } from './workshop-folder';
import { GuessLimiter, JoinCodeRegistry, JOIN_CODE_LIFETIME_MS } from './join-codes';
import { VoterTickets } from './voter-tickets';
import { ConnectionCounter } from './connection-limits';
import { trustForwardedHeaders } from './request-checks';
import { createRelayMetrics, type RelayMetrics } from './metrics';
import type { LogFields } from './json-log';
import { SaveWorker } from './save-worker';
import { HistoryKeeper, type HistoryOptions } from './history';
import { RoomRegistry } from './room-registry';
import { connectPeer } from './peer-connection';
import { handleUpgrade } from './socket-upgrade';
import { routeHttp, type HttpContext } from './http-routes';
import type { MessageLimitOptions } from './message-limits';
import { hostReach } from './host-reach';

/** Per-connection message limits (message-limits.ts) are options too, as are those below. */
export interface RelayOptions extends Omit<MessageLimitOptions, 'maxMessageBytes'> {
  dataDir: string;
  /** folder with the built web client; omitted: the relay serves only the API and sockets */
  staticDir?: string;
  host?: string;
  port?: number;
  maxMessageBytes?: number;
  /** extra origins (besides the relay's own) allowed to open sockets, e.g. "app://canvas" */
  allowedOrigins?: readonly string[];
  /** serve HTTPS and WSS with this PEM certificate (chain) and key */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** believe X-Forwarded-For/-Proto/-Host and Forwarded from this many reverse proxies in front (true: one) */
  trustProxy?: boolean | number;
  /** what `Authorization: Bearer` must carry to create, list or import workshops and read /metrics from anywhere but this machine */
  hostKey?: string;
  /** the address people open (--public-url), for the links the Invite dialog shows */
  publicUrl?: string;
  /** HTTP limits against slow or oversized requests (slowloris); defaults in HTTP_TIMEOUTS */
  httpTimeouts?: Partial<typeof HTTP_TIMEOUTS>;
  /** how often sockets are pinged; one that has not answered the previous ping is dropped */
  heartbeatMs?: number;
  /** bytes queued for one slow client before it is dropped (it resyncs when it reconnects) */
  maxBufferedBytes?: number;
  /** commit edits on a worker thread (the default) rather than the main thread */
  saveInWorker?: boolean;
  /** limits against a hostile link holder; each defaults to Limits in shared/protocol.ts */
  connectionsPerAddress?: number;
  connectionsPerToken?: number;
  peersPerRoom?: number;
  maxDocBytes?: number;
  /**
   * Told when a workshop cannot be saved (ok false, with the reason in plain words) and again
   * when saving works again (ok true). Clients are told the same through a relay message.
   */
  onSaveStatus?: (s: { workshopId: string; ok: boolean; error?: string }) => void;
  /** restore points: how often while a room changes, and the disk budget (see history-store.ts) */
  history?: HistoryOptions;
  log?: (line: string, fields?: LogFields) => void;
}

/**
 * A client must finish its request headers within headersMs and its whole request (body
 * included: imports are up to tens of MB) within requestMs, or the server answers 408 and hangs
 * up; an idle keep-alive connection is closed after keepAliveMs. Node checks these every
 * checkIntervalMs, so a slow client is dropped at most that much later.
 */
export const HTTP_TIMEOUTS = { headersMs: 20_000, requestMs: 120_000, keepAliveMs: 5_000, checkIntervalMs: 5_000 };
/** The largest request head (request line and headers) the relay reads. */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface Relay {
  readonly url: string;
  readonly port: number;
  readonly store: WorkshopFolder;
  readonly metrics: RelayMetrics;
  /** rooms currently in memory */
  readonly rooms: ReadonlyMap<string, Room>;
  /** restore points of every workshop */
  readonly history: HistoryKeeper;
  /** closes every socket whose token matches, e.g. after the token was rotated */
  disconnectToken(workshopId: string, token: string, code: number): void;
  close(): Promise<void>;
}

/**
 * ws closes a socket whose message exceeds maxPayload with 1009, which the stock y-websocket
 * client treats as transient: it would reconnect and resend the same message for ever. The
 * relay's own permanent code makes it stop.
 */
class RelaySocket extends WebSocket {
  override close(code?: number, data?: string | Buffer): void {
    if (code === 1009) super.close(CloseCode.tooLarge, 'message too large');
    else super.close(code, data);
  }
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const log = options.log ?? (() => {});
  const maxBytes = options.maxMessageBytes ?? Limits.maxMessageBytes;
  const maxBuffered = options.maxBufferedBytes ?? Math.max(16 * 1024 * 1024, 4 * maxBytes);
  const store = new WorkshopFolder(options.dataDir);
  const guesses = new GuessLimiter();
  const codes = new JoinCodeRegistry(Date.now, JOIN_CODE_LIFETIME_MS, { path: join(options.dataDir, '.join-codes.json'), log });
  const history = new HistoryKeeper(store, log, options.history);
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBytes, WebSocket: RelaySocket });
  /** live sockets and whether each has answered since the last ping */
  const heartbeats = new Map<WebSocket, boolean>();
  let registry: RoomRegistry | null = null;
  const metrics = createRelayMetrics({ roomsOpen: () => registry?.rooms.size ?? 0, connections: () => heartbeats.size });
  const saver = new SaveWorker(log, options.saveInWorker ?? true);
  const tickets = new VoterTickets(options.dataDir, log);
  const connections = new ConnectionCounter({
    perAddress: options.connectionsPerAddress ?? Limits.connectionsPerAddress,
    perToken: options.connectionsPerToken ?? Limits.connectionsPerToken,
    perRoom: options.peersPerRoom ?? Limits.peersPerRoom,
  });
  const rooms = new RoomRegistry({
    store,
    saver,
    metrics,
    history,
    maxDocBytes: options.maxDocBytes ?? Limits.maxDocBytes,
    log,
    onSaveStatus: options.onSaveStatus,
  });
  registry = rooms;

  const relay: Relay = {
    url: '',
    port: 0,
    store,
    metrics,
    rooms: rooms.rooms,
    history,
    disconnectToken(workshopId, token, code) {
      const room = rooms.rooms.get(workshopId);
      if (!room) return;
      for (const p of [...room.peers]) if (p.token === token) p.close(code, 'token withdrawn');
    },
    close: async () => {},
  };

  const http: HttpContext = {
    api: {
      store,
      relay,
      hostKey: options.hostKey,
      allowedOrigins: options.allowedOrigins,
      guesses,
      codes,
      log,
      reach: () => hostReach({ host: options.host ?? '127.0.0.1', port: relay.port, tls: !!options.tls, publicUrl: options.publicUrl }),
    },
    metrics,
    staticDir: options.staticDir,
    tls: !!options.tls,
    hostKey: options.hostKey,
    allowedOrigins: options.allowedOrigins,
    log,
  };
  const timeouts = { ...HTTP_TIMEOUTS, ...options.httpTimeouts };
  const serverOptions: ServerOptions = {
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    connectionsCheckingInterval: timeouts.checkIntervalMs,
    maxHeaderSize: MAX_HEADER_BYTES,
  };
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    trustForwardedHeaders(req, options.trustProxy ?? false);
    void routeHttp(http, req, res);
  };
  const server: Server = options.tls ? createTlsServer({ ...serverOptions, ...options.tls }, onRequest) : createServer(serverOptions, onRequest);
  // A TLS handshake that never finishes would otherwise hold its socket until the OS gives up.
  if (options.tls) server.setTimeout(timeouts.headersMs + timeouts.checkIntervalMs, (socket) => socket.destroy());

  const peerContext = {
    rooms,
    tickets,
    metrics,
    maxBufferedBytes: maxBuffered,
    heartbeats,
    log,
    limits: { ...options, maxMessageBytes: maxBytes },
  };
  const upgradeContext = {
    wss,
    store,
    connections,
    metrics,
    allowedOrigins: options.allowedOrigins,
    log,
    admit: (ws: WebSocket, admitted: Parameters<typeof connectPeer>[1]) => connectPeer(ws, admitted, peerContext),
  };
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset while the relay answers a refused upgrade must not surface as an unhandled error;
    // ws adds its own handlers once it takes the socket over.
    socket.on('error', () => {});
    trustForwardedHeaders(req, options.trustProxy ?? false);
    try {
      handleUpgrade(upgradeContext, req, socket, head);
    } catch (err) {
      log(`upgrade ${req.url?.split('?')[0]}: ${(err as Error).stack ?? String(err)}`);
      socket.destroy();
    }
  });

  const heartbeatTimer = setInterval(() => {
    for (const [ws, answered] of heartbeats) {
      if (!answered) {
        ws.terminate();
        continue;
      }
      heartbeats.set(ws, false);
      try {
        ws.ping();
      } catch {
        ws.terminate();
      }
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeatTimer.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  }).catch(async (err: unknown) => {
    clearInterval(heartbeatTimer);
    history.close();
    await saver.stop();
    throw err;
  });
  server.on('error', (err) => log(`server: ${err.message}`));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = !options.host || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  Object.assign(relay, { url: `${options.tls ? 'https' : 'http'}://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`, port });

  relay.close = async () => {
    clearInterval(heartbeatTimer);
    await rooms.closeAll();
    for (const client of wss.clients) client.terminate();
    history.close();
    await saver.stop();
    wss.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  };
  return relay;
}
