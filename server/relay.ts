// The relay: an HTTP server that serves the web client and a small JSON API, and upgrades
// /ws/<workshop-id> to the y-websocket protocol. Admission (origin, room, token) is decided at
// the upgrade, before any room state is sent; refused sockets get a documented close code.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import { CloseCode, Limits, isWorkshopId, type Role } from '../shared/protocol';
import { Room, MalformedMessageError, type Peer } from './room';
import { WorkshopStore } from './workshop-store';
import { roleForToken, tokenHash } from './tokens';
import { serveStatic } from './static-files';
import { handleApi } from './api';
import { TokenBucket } from './token-bucket';

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
  /** allow creating workshops from non-loopback addresses (a hosted server) */
  allowRemoteCreate?: boolean;
  log?: (line: string) => void;
}

export interface Relay {
  readonly url: string;
  readonly port: number;
  readonly store: WorkshopStore;
  /** rooms currently in memory */
  readonly rooms: ReadonlyMap<string, Room>;
  /** closes every socket whose token matches, e.g. after the token was rotated */
  disconnectToken(workshopId: string, token: string, code: number): void;
  close(): Promise<void>;
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const log = options.log ?? (() => {});
  const maxBytes = options.maxMessageBytes ?? Limits.maxMessageBytes;
  const store = new WorkshopStore(options.dataDir);
  const rooms = new Map<string, Room>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: maxBytes * 2 });

  function openRoom(id: string): Room {
    let room = rooms.get(id);
    if (!room) {
      room = new Room(id, store.open(id), (err) => log(`room ${id}: ${(err as Error).message}`));
      rooms.set(id, room);
    }
    return room;
  }

  function closeRoomIfEmpty(room: Room): void {
    if (room.peers.size > 0 || rooms.get(room.id) !== room) return;
    rooms.delete(room.id);
    try {
      room.unload();
    } catch (err) {
      log(`room ${room.id}: could not unload cleanly: ${(err as Error).message}`);
    }
  }

  const relay: Relay = {
    url: '',
    port: 0,
    store,
    rooms,
    disconnectToken(workshopId, token, code) {
      const room = rooms.get(workshopId);
      if (!room) return;
      for (const p of [...room.peers]) if (p.token === token) p.close(code, 'token withdrawn');
    },
    close: async () => {},
  };

  const server: Server = createServer((req, res) => {
    void routeHttp(req, res);
  });

  async function routeHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://relay');
      if (url.pathname.startsWith('/api/')) {
        await handleApi(req, res, url, { store, relay, allowRemoteCreate: options.allowRemoteCreate ?? false, log });
        return;
      }
      if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD')) {
        await serveStatic(options.staticDir, url.pathname, req, res);
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    } catch (err) {
      log(`http ${req.method} ${req.url}: ${(err as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    }
  }

  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    // Non-browser clients (the stock Node client, tools) send no Origin; browsers always do.
    if (!origin) return true;
    if (options.allowedOrigins?.includes(origin)) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  /** Completes the handshake only to say why the socket is refused, then closes it. */
  function refuse(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://relay');
    const match = /^\/ws\/([^/]+)$/.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    if (!originAllowed(req)) return refuse(req, socket, head, CloseCode.badOrigin, 'origin not allowed');
    const roomId = decodeURIComponent(match[1]!);
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
      return refuse(req, socket, head, CloseCode.serverError, 'workshop could not be opened');
    }
    if (!role) return refuse(req, socket, head, revoked ? CloseCode.revoked : CloseCode.badToken, revoked ? 'link withdrawn' : 'bad token');
    const extensions = url.searchParams.get('ext') === '1';
    wss.handleUpgrade(req, socket, head, (ws) => admit(ws, roomId, role, token, extensions));
  });

  function admit(ws: WebSocket, roomId: string, role: Role, token: string, extensions: boolean): void {
    let room: Room;
    try {
      room = openRoom(roomId);
    } catch (err) {
      log(`room ${roomId}: could not open: ${(err as Error).message}`);
      ws.close(CloseCode.serverError, 'workshop could not be opened');
      return;
    }
    const bucket = new TokenBucket(options.messagesPerSecond ?? Limits.messagesPerSecond, options.messageBurst ?? Limits.messageBurst);
    const peer: Peer = {
      role,
      token,
      extensions,
      awarenessIds: new Set(),
      send: (m) => {
        if (ws.readyState === ws.OPEN) ws.send(m, (err) => err && ws.terminate());
      },
      close: (code, reason) => ws.close(code, reason),
    };
    ws.binaryType = 'nodebuffer';
    ws.on('message', (raw: RawData, isBinary: boolean) => {
      const data = toBytes(raw);
      if (data.byteLength > maxBytes) return ws.close(CloseCode.tooLarge, `message over ${maxBytes} bytes`);
      if (!isBinary) return ws.close(CloseCode.malformed, 'text frames are not part of the protocol');
      if (!bucket.take()) return ws.close(CloseCode.rateLimited, 'too many messages');
      try {
        room.receive(peer, data);
      } catch (err) {
        if (err instanceof MalformedMessageError) {
          log(`room ${roomId}: closing a ${role} connection: ${err.message}`);
          ws.close(CloseCode.malformed, err.message.slice(0, 100));
        } else {
          log(`room ${roomId}: ${(err as Error).stack ?? String(err)}`);
          ws.close(CloseCode.serverError, 'internal error');
        }
      }
    });
    ws.on('close', () => {
      room.leave(peer);
      closeRoomIfEmpty(room);
    });
    ws.on('error', (err) => log(`socket error in ${roomId}: ${err.message}`));
    room.join(peer);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const shownHost = !options.host || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  Object.assign(relay, { url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}`, port });

  relay.close = async () => {
    for (const room of rooms.values()) for (const p of [...room.peers]) p.close(CloseCode.shuttingDown, 'relay stopping');
    for (const client of wss.clients) client.terminate();
    for (const room of [...rooms.values()]) {
      rooms.delete(room.id);
      try {
        room.unload();
      } catch (err) {
        log(`room ${room.id}: ${(err as Error).message}`);
      }
    }
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
