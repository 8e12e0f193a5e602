// Admission at the HTTP upgrade of /ws/<workshop-id>: origin, workshop, token and connection
// limits are decided before any room state is sent; a refused socket gets a documented close
// code (shared/protocol.ts) and nothing else.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocketServer, WebSocket } from 'ws';
import { CloseCode, isWorkshopId, VOTER_ID_PATTERN, type Role } from '../shared/protocol';
import type { WorkshopFolder } from './workshop-folder';
import type { ConnectionCounter } from './connection-limits';
import type { RelayMetrics } from './metrics';
import type { Admitted } from './peer-connection';
import { roleForToken, tokenHash } from './tokens';
import { originAllowed, clientAddress } from './request-checks';
import { WorkshopFileError } from './workshop-file';

export interface UpgradeContext {
  wss: WebSocketServer;
  store: WorkshopFolder;
  connections: ConnectionCounter;
  metrics: RelayMetrics;
  allowedOrigins?: readonly string[];
  log(line: string): void;
  /** called with each admitted socket */
  admit(ws: WebSocket, admitted: Admitted): void;
}

/** Completes the handshake only to say why the socket is refused, then closes it. */
function refuse(ctx: UpgradeContext, req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
  ctx.metrics.refused(code);
  ctx.wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
}

export function handleUpgrade(ctx: UpgradeContext, req: IncomingMessage, socket: Duplex, head: Buffer): void {
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
  if (!originAllowed(req, ctx.allowedOrigins)) return refuse(ctx, req, socket, head, CloseCode.badOrigin, 'origin not allowed');
  if (!isWorkshopId(roomId)) return refuse(ctx, req, socket, head, CloseCode.badRoom, 'not a workshop id');
  if (!ctx.store.exists(roomId)) return refuse(ctx, req, socket, head, CloseCode.unknownWorkshop, 'no such workshop');
  const token = url.searchParams.get('token') ?? '';
  let role: Role | null;
  let revoked: boolean;
  try {
    const access = ctx.store.access(roomId);
    role = roleForToken(access.tokens, token);
    revoked = !role && access.revoked.includes(tokenHash(token));
  } catch (err) {
    ctx.log(`upgrade ${roomId}: ${(err as Error).message}`);
    return refuse(ctx, req, socket, head, err instanceof WorkshopFileError ? CloseCode.damaged : CloseCode.serverError, 'workshop could not be opened');
  }
  if (!role) return refuse(ctx, req, socket, head, revoked ? CloseCode.revoked : CloseCode.badToken, revoked ? 'link withdrawn' : 'bad token');
  const voter = url.searchParams.get('voter') ?? '';
  const admitted: Admitted = {
    roomId,
    role,
    token,
    extensions: url.searchParams.get('ext') === '1',
    identity: {
      voterId: VOTER_ID_PATTERN.test(voter) ? voter : null,
      name: (url.searchParams.get('name') ?? '').slice(0, 80),
      organisation: (url.searchParams.get('org') ?? '').slice(0, 120),
    },
  };
  const slot = { address: clientAddress(req), token, room: roomId };
  const full = ctx.connections.refusal(slot);
  if (full) return refuse(ctx, req, socket, head, full.code, full.reason);
  ctx.wss.handleUpgrade(req, socket, head, (ws) => {
    try {
      ctx.connections.add(slot);
      ws.once('close', () => ctx.connections.remove(slot));
      ctx.admit(ws, admitted);
    } catch (err) {
      ctx.log(`room ${roomId}: could not admit a connection: ${(err as Error).stack ?? String(err)}`);
      ws.close(CloseCode.serverError, 'internal error');
    }
  });
}
