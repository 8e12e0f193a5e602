// One admitted socket as a peer of its room: who it is (role, person, voter), what it may send
// (message-limits.ts), and the plumbing between its socket events and the room. Nothing a
// client sends, and no failure inside the room, may take the process down: every handler
// catches and logs.
import type { WebSocket, RawData } from 'ws';
import { CloseCode, type Role } from '../shared/protocol';
import { encodeRelayControl } from '../shared/relay-messages';
import { RelayRefusal, type Peer } from './room';
import type { RoomRegistry } from './room-registry';
import type { VoterTickets } from './voter-tickets';
import type { RelayMetrics } from './metrics';
import { MessageLimits, type MessageLimitOptions } from './message-limits';
import { WorkshopFileError } from './workshop-file';
import { seatIdOf } from '../shared/doc/tables';

export interface PeerContext {
  rooms: RoomRegistry;
  tickets: VoterTickets;
  metrics: RelayMetrics;
  limits: MessageLimitOptions;
  maxBufferedBytes: number;
  /** live sockets and whether each has answered since the last ping */
  heartbeats: Map<WebSocket, boolean>;
  log(line: string): void;
}

export interface Admitted {
  roomId: string;
  role: Role;
  token: string;
  extensions: boolean;
  /** the voter ticket the client came back with (unchecked), and the name and organisation it gave */
  identity: { voterId: string | null; name: string; organisation?: string };
}

export function connectPeer(ws: WebSocket, a: Admitted, ctx: PeerContext): void {
  const { roomId, role } = a;
  const { log, metrics } = ctx;
  let room;
  try {
    room = ctx.rooms.open(roomId);
  } catch (err) {
    log(`room ${roomId}: could not open: ${(err as Error).message}`);
    // A damaged file stays damaged: say so for good rather than have clients retry forever.
    const code = err instanceof WorkshopFileError ? CloseCode.damaged : CloseCode.serverError;
    metrics.refused(code);
    ws.close(code, 'workshop could not be opened');
    return;
  }
  const limits = new MessageLimits(ctx.limits);
  // A ticket the relay signed is the same person coming back: their client ids and their ballot
  // are theirs again (two tabs with one ticket share one ballot). Anything else is a new person
  // with a fresh ticket, and shows as one: in presence, and in a vote's count of voters.
  const person = ctx.tickets.verify(a.identity.voterId) ?? ctx.tickets.issue();
  const peer: Peer = {
    role,
    token: a.token,
    extensions: a.extensions,
    awarenessIds: new Set(),
    person,
    name: a.identity.name,
    spendPresence: () => limits.takePresence(),
    // The seat of the name and organisation it joined with: the only one it may choose from.
    seat: seatIdOf({ name: a.identity.name, organisation: a.identity.organisation ?? '' }),
    send: (m) => {
      if (ws.readyState !== ws.OPEN) return;
      // A client that stopped reading would otherwise make the relay queue a whole room's
      // traffic for it; dropped, it reconnects and resyncs from the doc.
      if (ws.bufferedAmount > ctx.maxBufferedBytes) {
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
  ctx.heartbeats.set(ws, true);
  ws.on('pong', () => ctx.heartbeats.set(ws, true));
  ws.on('message', (raw: RawData, isBinary: boolean) => {
    // Once the relay has decided to close a socket, nothing more from it reaches the room.
    if (ws.readyState !== ws.OPEN) return;
    ctx.heartbeats.set(ws, true);
    const data = toBytes(raw);
    metrics.messageIn(data.byteLength);
    try {
      limits.check(data, isBinary);
      room.receive(peer, data);
    } catch (err) {
      if (err instanceof RelayRefusal) {
        log(`room ${roomId}: closing a ${role} connection (${err.code}): ${err.message}`);
        ws.close(err.code, err.message.slice(0, 100));
      } else {
        log(`room ${roomId}: ${(err as Error).stack ?? String(err)}`);
        ws.close(CloseCode.serverError, 'internal error');
      }
    }
  });
  ws.on('close', () => {
    ctx.heartbeats.delete(ws);
    try {
      room.leave(peer);
    } catch (err) {
      log(`room ${roomId}: while a connection left: ${(err as Error).stack ?? String(err)}`);
    }
    ctx.rooms.closeIfEmpty(room);
  });
  ws.on('error', (err) => log(`socket error in ${roomId}: ${err.message}`));
  room.join(peer);
  if (a.extensions) peer.send(encodeRelayControl({ kind: 'voter', voterId: person }));
  metrics.connectionOpened();
}

function toBytes(raw: RawData): Uint8Array {
  if (Array.isArray(raw)) return new Uint8Array(Buffer.concat(raw));
  if (raw instanceof ArrayBuffer) return new Uint8Array(raw);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}
