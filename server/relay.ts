// The relay: an HTTP server that serves the web client and a small JSON API, and upgrades
// /ws/<workshop-id> to the y-websocket protocol. Admission (origin, room, token) is decided at
// the upgrade, before any room state is sent; refused sockets get a documented close code.
// Nothing a client sends, and no failure inside one room, may take the process down: every
// handler that runs on a socket event or timer catches and logs.
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerOptions, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket, type RawData } from 'ws';
import { CloseCode, Limits, isWorkshopId, VOTER_ID_PATTERN, type Role } from '../shared/protocol';
import { Room, RelayRefusal, type Peer } from './room';
import { WorkshopStore } from './workshop-store';
import { roleForToken, tokenHash } from './tokens';
import { serveStatic } from './static-files';
import { handleApi } from './api';
import { WorkshopFileError } from './workshop-file';
import { GuessLimiter, JoinCodeRegistry, JOIN_CODE_LIFETIME_MS } from './join-codes';
import { TokenBucket } from './token-bucket';
import { VoterTickets } from './voter-tickets';
import { ConnectionCounter } from './connection-limits';
import { encodeRelayControl } from '../shared/relay-messages';
import { originAllowed, clientAddress, trustForwardedHeaders, mayAdministerHost } from './request-checks';
import { createRelayMetrics, type RelayMetrics } from './metrics';
import type { LogFields } from './json-log';
import { SaveWorker } from './save-worker';
import { HistoryKeeper, type HistoryOptions } from './history';

export interface RelayOptions {
  dataDir: string;
  /** folder with the built web client; omitted: the relay serves only the API and sockets */
  staticDir?: string;
  host?: string;
  port?: number;
  maxMessageBytes?: number;
  messagesPerSecond?: number;
  messageBurst?: number;
  /** extra origins (besides the relay's own) allowed to open sockets, e.g. "app://canvas" */
  allowedOrigins?: readonly string[];
  /** serve HTTPS and WSS with this PEM certificate (chain) and key */
  tls?: { cert: string | Buffer; key: string | Buffer };
  /** believe X-Forwarded-For/-Proto/-Host and Forwarded from this many reverse proxies in front (true: one) */
  trustProxy?: boolean | number;
  /** what `Authorization: Bearer` must carry to create, list or import workshops and read /metrics from anywhere but this machine */
  hostKey?: string;
  /** HTTP limits against slow or oversized requests (slowloris); defaults in HTTP_TIMEOUTS */
  httpTimeouts?: Partial<typeof HTTP_TIMEOUTS>;
  /** how often sockets are pinged; one that has not answered the previous ping is dropped */
  heartbeatMs?: number;
  /** bytes queued for one slow client before it is dropped (it resyncs when it reconnects) */
  maxBufferedBytes?: number;
  /** commit edits on a worker thread (the default) rather than the main thread */
  saveInWorker?: boolean;
  /** limits against a hostile link holder; each defaults to Limits in shared/protocol.ts */
  bytesPerSecond?: number;
  byteBurst?: number;
  syncRequestsPerSecond?: number;
  syncRequestBurst?: number;
  presencePerSecond?: number;
  presenceBurst?: number;
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
  readonly store: WorkshopStore;
  readonly metrics: RelayMetrics;
  /** rooms currently in memory */
  readonly rooms: ReadonlyMap<string, Room>;
  /** restore points of every workshop */
  readonly history: HistoryKeeper;
  /** closes every socket whose token matches, e.g. after the token was rotated */
  disconnectToken(workshopId: string, token: string, code: number): void;
  close(): Promise<void>;
}

const RETRY_UNLOAD_AFTER_MS = 1000;

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
  const store = new WorkshopStore(options.dataDir);
  const rooms = new Map<string, Room>();
  const guesses = new GuessLimiter();
  const codes = new JoinCodeRegistry(Date.now, JOIN_CODE_LIFETIME_MS, { path: join(options.dataDir, '.join-codes.json'), log });
  const history = new HistoryKeeper(store, log, options.history);
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBytes, WebSocket: RelaySocket });
  /** live sockets and whether each has answered since the last ping */
  const heartbeats = new Map<WebSocket, boolean>();

  const metrics = createRelayMetrics({ roomsOpen: () => rooms.size, connections: () => heartbeats.size });
  const saver = new SaveWorker(log, options.saveInWorker ?? true);
  const tickets = new VoterTickets(options.dataDir, log);
  const connections = new ConnectionCounter({
    perAddress: options.connectionsPerAddress ?? Limits.connectionsPerAddress,
    perToken: options.connectionsPerToken ?? Limits.connectionsPerToken,
    perRoom: options.peersPerRoom ?? Limits.peersPerRoom,
  });
  /** rooms whose last client left and that are being saved before they are freed */
  const unloading = new Set<Room>();

  function openRoom(id: string): Room {
    let room = rooms.get(id);
    if (!room) {
      const path = store.pathOf(id);
      const file = store.open(id);
      try {
        room = new Room(id, file, metrics.timedStorage(saver.storageFor(path)), {
          maxDocBytes: options.maxDocBytes ?? Limits.maxDocBytes,
          onError: (err) => log(`room ${id}: ${(err as Error).stack ?? String(err)}`),
          onSaveStatus: (ok, error) => {
            log(ok ? `room ${id}: saving works again` : `room ${id}: CANNOT SAVE: ${error}`);
            try {
              options.onSaveStatus?.({ workshopId: id, ok, ...(ok ? {} : { error }) });
            } catch (err) {
              log(`room ${id}: onSaveStatus: ${(err as Error).message}`);
            }
          },
        });
      } finally {
        try {
          file.close();
        } catch (err) {
          log(`room ${id}: closing the file after loading: ${(err as Error).message}`);
        }
      }
      rooms.set(id, room);
      history.watch(room);
    }
    return room;
  }

  /** Once the last client has left: save everything, then free the room (unless someone came back). */
  function closeRoomIfEmpty(room: Room): void {
    if (room.peers.size > 0 || rooms.get(room.id) !== room || unloading.has(room)) return;
    unloading.add(room);
    room.save().then(
      () => {
        unloading.delete(room);
        if (room.peers.size > 0 || rooms.get(room.id) !== room) return;
        if (room.hasUnsavedChanges) return closeRoomIfEmpty(room);
        rooms.delete(room.id);
        room.destroy();
      },
      (err: unknown) => {
        // Keep the room (and its unsaved edits) in memory and try again; joining still works.
        unloading.delete(room);
        log(`room ${room.id}: could not save before unloading, retrying: ${(err as Error).message}`);
        setTimeout(() => closeRoomIfEmpty(room), RETRY_UNLOAD_AFTER_MS).unref();
      },
    );
  }

  const relay: Relay = {
    url: '',
    port: 0,
    store,
    metrics,
    rooms,
    history,
    disconnectToken(workshopId, token, code) {
      const room = rooms.get(workshopId);
      if (!room) return;
      for (const p of [...room.peers]) if (p.token === token) p.close(code, 'token withdrawn');
    },
    close: async () => {},
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
    void routeHttp(req, res);
  };
  const server: Server = options.tls ? createTlsServer({ ...serverOptions, ...options.tls }, onRequest) : createServer(serverOptions, onRequest);
  // A TLS handshake that never finishes would otherwise hold its socket until the OS gives up.
  if (options.tls) server.setTimeout(timeouts.headersMs + timeouts.checkIntervalMs, (socket) => socket.destroy());

  async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!mayAdministerHost(req, options.hostKey, options.allowedOrigins)) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer' }).end('The host key is needed for /metrics.');
      return;
    }
    const { contentType, body } = await metrics.render();
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
  }

  async function routeHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Served over TLS: browsers that came once never fall back to plain HTTP (a downgrade on café Wi-Fi). Never sent over HTTP, where it means nothing.
    if (options.tls) res.setHeader('strict-transport-security', 'max-age=31536000');
    try {
      const url = new URL(req.url ?? '/', 'http://relay');
      if (url.pathname === '/metrics' && req.method === 'GET') return await serveMetrics(req, res);
      if (url.pathname.startsWith('/api/')) {
        await handleApi(req, res, url, {
          store,
          relay,
          hostKey: options.hostKey,
          allowedOrigins: options.allowedOrigins,
          guesses,
          codes,
          log,
        });
        return;
      }
      if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
        await serveStatic(options.staticDir, url.pathname, req, res);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    } catch (err) {
      log(`http ${req.method} ${req.url?.split('?')[0]}: ${(err as Error).message}`, { level: 'error' });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    }
  }

  /** Completes the handshake only to say why the socket is refused, then closes it. */
  function refuse(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    metrics.refused(code);
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset while the relay answers a refused upgrade must not surface as an unhandled error;
    // ws adds its own handlers once it takes the socket over.
    socket.on('error', () => {});
    trustForwardedHeaders(req, options.trustProxy ?? false);
    try {
      upgrade(req, socket, head);
    } catch (err) {
      log(`upgrade ${req.url?.split('?')[0]}: ${(err as Error).stack ?? String(err)}`);
      socket.destroy();
    }
  });

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    let url: URL;
    let roomId: string;
    try {
      url = new URL(req.url ?? '/', 'http://relay');
      const match = /^\/ws\/([^/]+)$/.exec(url.pathname);
      if (!match) throw new Error('not a socket path');
      roomId = decodeURIComponent(match[1]!);
    } catch {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!originAllowed(req, options.allowedOrigins)) return refuse(req, socket, head, CloseCode.badOrigin, 'origin not allowed');
    if (!isWorkshopId(roomId)) return refuse(req, socket, head, CloseCode.badRoom, 'not a workshop id');
    if (!store.exists(roomId)) return refuse(req, socket, head, CloseCode.unknownWorkshop, 'no such workshop');
    const token = url.searchParams.get('token') ?? '';
    let role: Role | null;
    let revoked: boolean;
    try {
      const access = store.access(roomId);
      role = roleForToken(access.tokens, token);
      revoked = !role && access.revoked.includes(tokenHash(token));
    } catch (err) {
      log(`upgrade ${roomId}: ${(err as Error).message}`);
      return refuse(req, socket, head, err instanceof WorkshopFileError ? CloseCode.damaged : CloseCode.serverError, 'workshop could not be opened');
    }
    if (!role) return refuse(req, socket, head, revoked ? CloseCode.revoked : CloseCode.badToken, revoked ? 'link withdrawn' : 'bad token');
    const extensions = url.searchParams.get('ext') === '1';
    const voter = url.searchParams.get('voter') ?? '';
    const identity = { voterId: VOTER_ID_PATTERN.test(voter) ? voter : null, name: (url.searchParams.get('name') ?? '').slice(0, 80) };
    const slot = { address: clientAddress(req), token, room: roomId };
    const full = connections.refusal(slot);
    if (full) return refuse(req, socket, head, full.code, full.reason);
    wss.handleUpgrade(req, socket, head, (ws) => {
      try {
        connections.add(slot);
        ws.once('close', () => connections.remove(slot));
        admit(ws, roomId, role, token, extensions, identity);
      } catch (err) {
        log(`room ${roomId}: could not admit a connection: ${(err as Error).stack ?? String(err)}`);
        ws.close(CloseCode.serverError, 'internal error');
      }
    });
  }

  function admit(ws: WebSocket, roomId: string, role: Role, token: string, extensions: boolean, identity: { voterId: string | null; name: string }): void {
    let room: Room;
    try {
      room = openRoom(roomId);
    } catch (err) {
      log(`room ${roomId}: could not open: ${(err as Error).message}`);
      // A damaged file stays damaged: say so for good rather than have clients retry forever.
      const code = err instanceof WorkshopFileError ? CloseCode.damaged : CloseCode.serverError;
      metrics.refused(code);
      ws.close(code, 'workshop could not be opened');
      return;
    }
    const bucket = new TokenBucket(options.messagesPerSecond ?? Limits.messagesPerSecond, options.messageBurst ?? Limits.messageBurst);
    const bytes = new TokenBucket(options.bytesPerSecond ?? Limits.bytesPerSecond, Math.max(options.byteBurst ?? Limits.byteBurst, 2 * maxBytes));
    const syncRequests = new TokenBucket(options.syncRequestsPerSecond ?? Limits.syncRequestsPerSecond, options.syncRequestBurst ?? Limits.syncRequestBurst);
    const presence = new TokenBucket(options.presencePerSecond ?? Limits.presencePerSecond, options.presenceBurst ?? Limits.presenceBurst);
    // A ticket the relay signed keeps a person's dots across a reconnect, unless another live
    // connection already counts as that voter; anything else gets a fresh ticket.
    const ticket = tickets.verify(identity.voterId);
    const voterId = ticket && ![...room.peers].some((p) => p.voterId === ticket) ? ticket : tickets.issue();
    const peer: Peer = {
      role,
      token,
      extensions,
      awarenessIds: new Set(),
      voterId,
      name: identity.name,
      send: (m) => {
        if (ws.readyState !== ws.OPEN) return;
        // A client that stopped reading would otherwise make the relay queue a whole room's
        // traffic for it; dropped, it reconnects and resyncs from the doc.
        if (ws.bufferedAmount > maxBuffered) {
          log(`room ${roomId}: dropping a ${role} connection that is not reading (${ws.bufferedAmount} bytes queued)`);
          ws.terminate();
          return;
        }
        metrics.messageOut(m.byteLength);
        ws.send(m, (err) => err && ws.terminate());
      },
      close: (code, reason) => ws.close(code, reason),
    };
    ws.binaryType = 'nodebuffer';
    heartbeats.set(ws, true);
    ws.on('pong', () => heartbeats.set(ws, true));
    ws.on('message', (raw: RawData, isBinary: boolean) => {
      // Once the relay has decided to close a socket, nothing more from it reaches the room.
      if (ws.readyState !== ws.OPEN) return;
      heartbeats.set(ws, true);
      const data = toBytes(raw);
      metrics.messageIn(data.byteLength);
      if (data.byteLength > maxBytes) return ws.close(CloseCode.tooLarge, `message over ${maxBytes} bytes`);
      if (!isBinary) return ws.close(CloseCode.malformed, 'text frames are not part of the protocol');
      if (!bucket.take()) return ws.close(CloseCode.rateLimited, 'too many messages');
      if (!bytes.take(data.byteLength)) return ws.close(CloseCode.bandwidth, 'too many bytes per second');
      // y-websocket's message and sync types are single bytes: 0 0 is a request for the whole doc.
      if (data[0] === 0 && data[1] === 0 && !syncRequests.take()) return ws.close(CloseCode.syncFlood, 'too many sync requests');
      if (data[0] === 1 && !presence.take()) return ws.close(CloseCode.presenceFlood, 'too many presence updates');
      try {
        room.receive(peer, data);
      } catch (err) {
        if (err instanceof RelayRefusal) {
          log(`room ${roomId}: closing a ${role} connection: ${err.message}`);
          ws.close(err.code, err.message.slice(0, 100));
        } else {
          log(`room ${roomId}: ${(err as Error).stack ?? String(err)}`);
          ws.close(CloseCode.serverError, 'internal error');
        }
      }
    });
    ws.on('close', () => {
      heartbeats.delete(ws);
      try {
        room.leave(peer);
      } catch (err) {
        log(`room ${roomId}: while a connection left: ${(err as Error).stack ?? String(err)}`);
      }
      closeRoomIfEmpty(room);
    });
    ws.on('error', (err) => log(`socket error in ${roomId}: ${err.message}`));
    room.join(peer);
    if (extensions) peer.send(encodeRelayControl({ kind: 'voter', voterId }));
    metrics.connectionOpened();
  }

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
    for (const room of rooms.values()) for (const p of [...room.peers]) p.close(CloseCode.shuttingDown, 'relay stopping');
    for (const client of wss.clients) client.terminate();
    await Promise.all(
      [...rooms.values()].map(async (room) => {
        try {
          await room.save();
        } catch (err) {
          log(`room ${room.id}: unsaved edits lost at shutdown: ${(err as Error).message}`);
        }
        rooms.delete(room.id);
        room.destroy();
      }),
    );
    history.close();
    await saver.stop();
    wss.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
  };
  return relay;
}

function toBytes(raw: RawData): Uint8Array {
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw));
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
