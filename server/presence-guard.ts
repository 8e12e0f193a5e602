// Presence (awareness) as the relay guards it: each connection may announce, change and remove
// only its own entries, a few of them, of bounded size and depth, a bounded number of times a
// second. Nobody can overwrite or remove another person's entry (their name, colour, cursor).
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CloseCode } from '../shared/protocol';
import { MalformedMessageError, OversizedStateError, RelayRefusal } from './relay-errors';

/**
 * Presence limits. A real presence state (name, organisation, colour, cursor, selection) is well
 * under 1 kB and a few levels deep; the caps stop one peer from parking megabytes in every other
 * client's memory, or a nesting so deep that re-encoding it overflows the stack.
 */
export const AwarenessLimits = {
  maxStateBytes: 64 * 1024,
  maxDepth: 16,
  /** one stock client announces one id; a few more allow a reconnect that reuses a doc */
  maxIdsPerPeer: 8,
  /** all of one connection's presence states together */
  maxBytesPerPeer: 64 * 1024,
  /**
   * The whole room's presence, which every newcomer is sent at once when they join: kept far
   * below what the relay queues for one socket, so others' presence can never get a join dropped.
   */
  roomBudgetBytes: 512 * 1024,
  roomBudgetIds: 2000,
} as const;

export interface AwarenessEntry {
  clientID: number;
  clock: number;
  state: unknown;
  /** the state's JSON as sent, to pass on unchanged */
  json: Uint8Array;
}

/** What the guard needs to know about a connection. */
export interface PresenceOwner {
  /** awareness client ids this connection owns, removed when it leaves */
  awarenessIds: Set<number>;
}

export class PresenceGuard {
  readonly awareness: awarenessProtocol.Awareness;
  /** which connection announced each awareness client id */
  private readonly owners = new Map<number, PresenceOwner>();
  /**
   * The latest claim on an id another live connection owns (a client reconnecting before its
   * old socket is noticed dead): applied when the owner leaves, so presence carries on.
   */
  private readonly waiting = new Map<number, { peer: PresenceOwner; entry: AwarenessEntry }>();

  /** bytes of each id's current state, for the per-connection and room-wide budgets */
  private readonly stateBytes = new Map<number, number>();
  private roomBytes = 0;

  /**
   * `bind` claims an id for the connection's person for good (client-owners.ts) and says
   * whether it is theirs: an id bound to someone else is never shown as theirs, even while the
   * owner is away.
   */
  constructor(
    awareness: awarenessProtocol.Awareness,
    private readonly bind: (id: number, peer: PresenceOwner) => boolean = () => true,
  ) {
    this.awareness = awareness;
  }

  /** Refuses an update that would take this connection, or a crowded room, past its presence budget. */
  private checkBudget(peer: PresenceOwner, entries: readonly AwarenessEntry[]): void {
    const next = new Map<number, number>();
    for (const id of peer.awarenessIds) next.set(id, this.stateBytes.get(id) ?? 0);
    let room = this.roomBytes;
    for (const e of entries) {
      const size = e.state === null ? 0 : e.json.byteLength;
      room += size - (this.stateBytes.get(e.clientID) ?? 0);
      next.set(e.clientID, size);
    }
    const mine = [...next.values()].reduce((a, b) => a + b, 0);
    if (mine > AwarenessLimits.maxBytesPerPeer)
      throw new OversizedStateError(`presence of ${mine} bytes from one connection (limit ${AwarenessLimits.maxBytesPerPeer})`);
    const ids = this.stateBytes.size + entries.filter((e) => e.state !== null && !this.stateBytes.has(e.clientID)).length;
    if (ids > AwarenessLimits.roomBudgetIds) throw new OversizedStateError('the room holds as many presence states as it can');
    if (room <= AwarenessLimits.roomBudgetBytes) return;
    // Over the room's budget, only a connection holding no more than its fair share may grow.
    const connections = new Set(this.owners.values()).size + (peer.awarenessIds.size === 0 ? 1 : 0);
    if (mine > AwarenessLimits.roomBudgetBytes / Math.max(1, connections))
      throw new OversizedStateError('the room holds as much presence as it can, and this connection more than its share');
  }

  private noteSizes(entries: readonly AwarenessEntry[]): void {
    for (const e of entries) {
      this.roomBytes -= this.stateBytes.get(e.clientID) ?? 0;
      if (e.state === null) this.stateBytes.delete(e.clientID);
      else {
        this.stateBytes.set(e.clientID, e.json.byteLength);
        this.roomBytes += e.json.byteLength;
      }
    }
  }

  /** Forgets the sizes of ids whose states are gone. */
  private dropSizes(ids: readonly number[]): void {
    for (const id of ids) {
      this.roomBytes -= this.stateBytes.get(id) ?? 0;
      this.stateBytes.delete(id);
    }
  }

  /**
   * Applies the part of an awareness update that is the sender's own: entries for ids another
   * live connection owns are not applied (see `waiting`). Throws a RelayRefusal for an update the
   * relay will not take at all.
   */
  receive(peer: PresenceOwner, update: Uint8Array, spend: () => boolean = () => true): void {
    const parsed = parseAwarenessUpdate(update);
    // The relay's own id is never a participant; a peer claiming it would be renewed forever.
    if (parsed.some((e) => e.clientID === this.awareness.clientID)) throw new MalformedMessageError('awareness for the relay itself');
    const entries = parsed.filter((entry) => {
      // An id bound to another person is never applied as this connection's, present or not.
      if (entry.state !== null && !this.bind(entry.clientID, peer)) return false;
      const owner = this.owners.get(entry.clientID);
      if (owner === peer) return true;
      // Nobody's yet: a claim is applied; a removal of a state nobody holds changes nothing.
      if (owner === undefined) return entry.state !== null;
      // Someone else's entry. Stock clients echo every state they hear, at the clock they heard
      // it; a newer clock is the same client announcing itself on a new connection: kept aside,
      // and taken over once the old connection has gone.
      const known = this.awareness.meta.get(entry.clientID)?.clock ?? 0;
      if (entry.state !== null && entry.clock > known) this.waiting.set(entry.clientID, { peer, entry });
      return false;
    });
    const ids = new Set(peer.awarenessIds);
    for (const { clientID, state } of entries) if (state !== null) ids.add(clientID);
    if (ids.size > AwarenessLimits.maxIdsPerPeer)
      throw new MalformedMessageError(`more than ${AwarenessLimits.maxIdsPerPeer} presence states from one connection`);
    if (entries.length === 0) return;
    // Only a change to the sender's own presence spends its presence budget (message-limits.ts).
    if (!spend()) throw new RelayRefusal(CloseCode.presenceFlood, 'too many presence updates');
    this.checkBudget(peer, entries);
    for (const { clientID, state } of entries) {
      if (state === null) this.release(clientID);
      else this.claim(peer, clientID);
    }
    this.noteSizes(entries);
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(entries), peer);
  }

  private claim(peer: PresenceOwner, id: number): void {
    this.owners.set(id, peer);
    peer.awarenessIds.add(id);
  }

  private release(id: number): void {
    this.owners.get(id)?.awarenessIds.delete(id);
    this.owners.delete(id);
  }

  /** Removes everything a connection announced (it left). */
  leave(peer: PresenceOwner): void {
    for (const [id, w] of this.waiting) if (w.peer === peer) this.waiting.delete(id);
    const ids = [...peer.awarenessIds];
    const handedOver: AwarenessEntry[] = [];
    const gone: number[] = [];
    for (const id of ids) {
      this.release(id);
      const next = this.waiting.get(id);
      this.waiting.delete(id);
      if (next && next.peer.awarenessIds.size < AwarenessLimits.maxIdsPerPeer && next.entry.clock > (this.awareness.meta.get(id)?.clock ?? 0)) {
        this.claim(next.peer, id);
        handedOver.push(next.entry);
      } else gone.push(id);
    }
    this.dropSizes(gone);
    this.noteSizes(handedOver);
    if (gone.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, gone, null);
    // Applied with no connection as origin; ownership is already settled above.
    if (handedOver.length > 0) awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeAwarenessEntries(handedOver), null);
  }

  /** Called for ids that timed out or were removed by the relay itself. */
  forget(ids: readonly number[]): void {
    for (const id of ids) this.release(id);
    this.dropSizes(ids);
  }
}

function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, entries.length);
  for (const e of entries) {
    encoding.writeVarUint(enc, e.clientID);
    encoding.writeVarUint(enc, e.clock);
    encoding.writeVarUint8Array(enc, e.json);
  }
  return encoding.toUint8Array(enc);
}

/**
 * Decodes an awareness update and checks each state (an object or null, at most
 * AwarenessLimits.maxStateBytes of JSON, at most AwarenessLimits.maxDepth deep) without applying it.
 */
export function parseAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const entries: AwarenessEntry[] = [];
  try {
    const d = decoding.createDecoder(update);
    const n = decoding.readVarUint(d);
    // Every entry takes at least three bytes, so a count larger than that is a lie.
    if (n > update.byteLength) throw new Error('entry count larger than the message');
    for (let i = 0; i < n; i++) {
      const clientID = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      const json = decoding.readVarUint8Array(d);
      if (json.byteLength > AwarenessLimits.maxStateBytes) {
        throw new OversizedStateError(`presence state of ${json.byteLength} bytes (limit ${AwarenessLimits.maxStateBytes})`);
      }
      const state: unknown = JSON.parse(utf8.decode(json));
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('a presence state must be an object or null');
      if (depthOf(state) > AwarenessLimits.maxDepth) throw new Error(`a presence state nested deeper than ${AwarenessLimits.maxDepth}`);
      entries.push({ clientID, clock, state, json });
    }
    if (decoding.hasContent(d)) throw new Error('trailing bytes');
  } catch (err) {
    if (err instanceof RelayRefusal) throw err;
    throw new MalformedMessageError(`bad awareness update: ${(err as Error).message}`);
  }
  return entries;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Nesting depth of a parsed JSON value, walked without recursion. */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) max = depth;
    if (max > AwarenessLimits.maxDepth) return max;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return max;
}
