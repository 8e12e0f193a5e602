// One live workshop in the relay's memory: its Y.Doc, awareness, connections and the file it
// is saved to. Decisions about who may write live here; the socket plumbing lives in relay.ts.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MessageType, type Role } from '../shared/protocol';
import type { WorkshopFile } from './workshop-file';
import type { RoomStorage } from './save-worker';
import { RoomControl, type Voter } from './room-control';
import { updateScope } from './update-scope';
import { controlCommandSchema, type RelayControlMessage } from '../shared/control';
import { metaMap, cardsMap, itemsMap, writeVoteResults } from '../shared/doc/workshop-doc';

export interface Peer {
  role: Role;
  /** token the peer was admitted with, so revoking it can find the peer */
  token: string;
  /** whether the peer asked for the relay's extra messages (saved, welcome) */
  extensions: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** awareness client ids this peer currently owns, removed when it leaves */
  awarenessIds: Set<number>;
  /** stable per browser profile (from the connection URL), so a person's dots survive a reconnect */
  voterId: string | null;
  /** the name the person gave, for named votes */
  name: string;
}

/** The message does not decode, or breaks the protocol: the sender is closed with 4422. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

/** The message decodes but carries more than the relay keeps for one peer: closed with 4413. */
export class OversizedStateError extends Error {
  override name = 'OversizedStateError';
}

const COMPACT_AFTER_ROWS = 500;
const RETRY_SAVE_AFTER_MS = 1000;

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
} as const;

interface AwarenessEntry {
  clientID: number;
  state: unknown;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  /** doc updates not yet handed to storage */
  private pending: Uint8Array[] = [];
  /** the one write in flight, if any: later updates wait and go in the next batch */
  private writing: Promise<void> | null = null;
  private flushTimer: NodeJS.Immediate | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private destroyed = false;
  private lastTitle = '';
  private rowsSinceCompaction: number;
  /** state vector of what is durably written; only this is ever announced as saved */
  private savedVector: Uint8Array;
  /** which peer announced each awareness client id */
  private readonly awarenessOwners = new Map<number, Peer>();
  /** facilitation state (timer, locks, votes…), owned here so nobody but a facilitator can change it */
  readonly control: RoomControl;

  /**
   * Loads the doc from `file` (which the caller may close afterwards); from then on edits are
   * saved through `storage`.
   */
  constructor(
    readonly id: string,
    file: WorkshopFile,
    readonly storage: RoomStorage,
    private readonly onError: (err: unknown) => void,
  ) {
    file.loadInto(this.doc);
    this.control = new RoomControl(file.getMeta('control'));
    this.rowsSinceCompaction = file.pendingCompaction;
    this.savedVector = Y.encodeStateVector(this.doc);
    this.lastTitle = String(metaMap(this.doc).get('title') ?? '');
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The relay is not a participant: it must not appear in anyone's presence list.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.guard(() => this.onDocUpdate(update, origin)));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.guard(() => this.onAwarenessUpdate(change, origin)),
    );
  }

  /** Runs a handler that Yjs or a timer calls: an error is reported, never thrown into the caller. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.onError(err);
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === 'load') return;
    this.pending.push(update);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeUpdate(enc, update);
    const message = encoding.toUint8Array(enc);
    for (const p of this.peers) if (p !== origin) p.send(message);
    this.scheduleFlush();
  }

  private onAwarenessUpdate({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    const peer = origin && typeof origin === 'object' && this.peers.has(origin as Peer) ? (origin as Peer) : null;
    if (peer) for (const id of [...added, ...updated]) this.claimAwarenessId(peer, id);
    for (const id of removed) this.releaseAwarenessId(id);
    const changed = [...added, ...updated, ...removed];
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.awareness);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    this.broadcast(encoding.toUint8Array(enc));
  }

  /**
   * The latest peer to announce an id owns it, so a client that reconnects before its old socket
   * is noticed dead keeps its presence when the old socket finally closes.
   */
  private claimAwarenessId(peer: Peer, id: number): void {
    const previous = this.awarenessOwners.get(id);
    if (previous === peer) return;
    previous?.awarenessIds.delete(id);
    this.awarenessOwners.set(id, peer);
    peer.awarenessIds.add(id);
  }

  private releaseAwarenessId(id: number): void {
    this.awarenessOwners.get(id)?.awarenessIds.delete(id);
    this.awarenessOwners.delete(id);
  }

  private broadcast(message: Uint8Array): void {
    for (const p of this.peers) p.send(message);
  }

  private scheduleFlush(): void {
    // Everything that arrives in this turn of the event loop, or while the previous write is
    // still on its way to the disk, goes into one durable commit.
    if (this.flushTimer || this.retryTimer || this.writing || this.destroyed) return;
    this.flushTimer = setImmediate(() => {
      this.flushTimer = null;
      this.write().catch((err: unknown) => this.onWriteFailed(err));
    });
  }

  private onWriteFailed(err: unknown): void {
    this.onError(err);
    if (this.retryTimer || this.destroyed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.write().catch((e: unknown) => this.onWriteFailed(e));
    }, RETRY_SAVE_AFTER_MS);
    this.retryTimer.unref();
  }

  /** Starts writing what is pending, or joins the write already in flight. */
  private write(): Promise<void> {
    if (!this.writing) {
      this.writing = this.writeBatch().then(
        () => {
          this.writing = null;
          if (this.pending.length > 0) this.scheduleFlush();
        },
        (err: unknown) => {
          // No immediate rewrite after a failure: the caller retries after a pause.
          this.writing = null;
          throw err;
        },
      );
    }
    return this.writing;
  }

  private async writeBatch(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // Everything the doc holds went through `pending`: once this batch is on disk, so is
    // everything up to this state vector.
    const vector = Y.encodeStateVector(this.doc);
    const title = String(metaMap(this.doc).get('title') ?? '');
    try {
      await this.storage.append(Y.mergeUpdates(batch), title !== this.lastTitle ? title : undefined);
    } catch (err) {
      // Nothing new is saved; the batch goes back in front of anything that arrived meanwhile.
      this.pending = batch.concat(this.pending);
      throw err;
    }
    this.lastTitle = title;
    this.rowsSinceCompaction++;
    this.savedVector = vector;
    if (this.destroyed) return;
    this.announceSaved();
    if (this.rowsSinceCompaction > COMPACT_AFTER_ROWS) {
      try {
        await this.storage.compact(Y.encodeStateAsUpdate(this.doc));
        this.rowsSinceCompaction = 1;
      } catch (err) {
        // The edits are already durable in the log; a failed compaction only leaves it longer.
        this.onError(err);
      }
    }
  }

  /**
   * Resolves once every edit received so far is durably written (and announced as saved);
   * rejects if a write fails, leaving the edits pending for a retry.
   */
  async save(): Promise<void> {
    if (this.flushTimer) {
      clearImmediate(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    while (this.writing || this.pending.length > 0) await this.write();
  }

  private savedMessage(): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.saved);
    encoding.writeVarUint8Array(enc, this.savedVector);
    return encoding.toUint8Array(enc);
  }

  private announceSaved(): void {
    const message = this.savedMessage();
    for (const p of this.peers) if (p.extensions) p.send(message);
  }

  get hasUnsavedChanges(): boolean {
    return this.pending.length > 0 || this.writing !== null;
  }

  join(peer: Peer): void {
    this.peers.add(peer);
    if (peer.extensions) {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.welcome);
      encoding.writeVarString(enc, peer.role);
      peer.send(encoding.toUint8Array(enc));
    }
    // Open the sync: send our state vector (step 1) so the peer replies with what we lack.
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, MessageType.sync);
    syncProtocol.writeSyncStep1(step1, this.doc);
    peer.send(encoding.toUint8Array(step1));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.awareness);
      encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]));
      peer.send(encoding.toUint8Array(enc));
    }
    if (peer.extensions) {
      peer.send(this.savedMessage());
      this.sendControl(peer, { kind: 'state', state: this.control.stateFor(peer.voterId) });
    }
  }

  private sendControl(peer: Peer, message: RelayControlMessage): void {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.control);
    encoding.writeVarString(enc, JSON.stringify(message));
    peer.send(encoding.toUint8Array(enc));
  }

  /** Every connection gets its own view of the control state (its own dots, nobody else's). */
  private broadcastControl(): void {
    for (const p of this.peers) if (p.extensions) this.sendControl(p, { kind: 'state', state: this.control.stateFor(p.voterId) });
  }

  private receiveControl(peer: Peer, decoder: decoding.Decoder): void {
    let command;
    try {
      const parsed = controlCommandSchema.safeParse(JSON.parse(decoding.readVarString(decoder)));
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid');
      command = parsed.data;
    } catch (err) {
      throw new MalformedMessageError(`bad control message: ${(err as Error).message}`);
    }
    const voter: Voter = { role: peer.role, voterId: peer.voterId ?? `anonymous-${peer.token.slice(0, 6)}`, name: peer.name };
    const exists = (id: string) => (cardsMap(this.doc).has(id) ? 'card' : itemsMap(this.doc).has(id) ? 'item' : null);
    const outcome = this.control.handle(voter, command, exists);
    if (!outcome.ok) {
      this.sendControl(peer, { kind: 'refused', command: command.type, reason: outcome.reason });
      return;
    }
    // Revealed results stay with the entries voted on: the relay writes them into the doc.
    if (outcome.results) writeVoteResults(this.doc, outcome.results, 'relay');
    if (outcome.changed) {
      this.storage.setMeta('control', this.control.serialise()).catch((err: unknown) => this.onError(err));
      this.broadcastControl();
    }
    if (outcome.event) for (const p of this.peers) if (p.extensions) this.sendControl(p, { kind: 'event', event: outcome.event });
  }

  /** Why a participant's update may not be applied right now (a lock), or null if it may. */
  private lockRefusal(peer: Peer, update: Uint8Array): string | null {
    if (peer.role !== 'participant') return null;
    const locked = this.control.boardLocked;
    const lockedItems = this.control.stateFor(null).lockedItems;
    if (!locked && lockedItems.length === 0) return null;
    const scope = updateScope(this.doc, update);
    if (scope.roots.size === 0 && scope.entries.size === 0) return null;
    if (locked) return 'the facilitator has locked the board';
    return [...scope.entries].some((id) => lockedItems.includes(id)) ? 'the facilitator has locked that item' : null;
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    const ids = [...peer.awarenessIds];
    for (const id of ids) this.releaseAwarenessId(id);
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  /**
   * Handles one message from a peer. Throws MalformedMessageError (or OversizedStateError) for
   * anything the relay will not take; the room is left consistent (see receiveSync for the one
   * case where part of a damaged update may already have been integrated).
   */
  receive(peer: Peer, data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    let type: number;
    try {
      type = decoding.readVarUint(decoder);
    } catch {
      throw new MalformedMessageError('empty or truncated message');
    }
    switch (type) {
      case MessageType.sync:
        this.receiveSync(peer, decoder);
        return;
      case MessageType.awareness: {
        let update: Uint8Array;
        try {
          update = decoding.readVarUint8Array(decoder);
        } catch {
          throw new MalformedMessageError('truncated awareness message');
        }
        this.checkAwareness(peer, parseAwarenessUpdate(update));
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, peer);
        return;
      }
      case MessageType.queryAwareness: {
        const enc = encoding.createEncoder();
        encoding.writeVarUint(enc, MessageType.awareness);
        encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]));
        peer.send(encoding.toUint8Array(enc));
        return;
      }
      case MessageType.auth:
        // Authentication happens at the HTTP upgrade; in-band auth messages are ignored.
        return;
      case MessageType.control:
        this.receiveControl(peer, decoder);
        return;
      default:
        throw new MalformedMessageError(`unknown message type ${type}`);
    }
  }

  private checkAwareness(peer: Peer, entries: readonly AwarenessEntry[]): void {
    const ids = new Set(peer.awarenessIds);
    for (const { clientID, state } of entries) {
      // The relay's own id is never a participant; a peer claiming it would be renewed forever.
      if (clientID === this.awareness.clientID) throw new MalformedMessageError('awareness for the relay itself');
      if (state !== null) ids.add(clientID);
    }
    if (ids.size > AwarenessLimits.maxIdsPerPeer)
      throw new MalformedMessageError(`more than ${AwarenessLimits.maxIdsPerPeer} presence states from one connection`);
  }

  private receiveSync(peer: Peer, decoder: decoding.Decoder): void {
    let syncType: number;
    let payload: Uint8Array;
    try {
      syncType = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } catch {
      throw new MalformedMessageError('truncated sync message');
    }
    if (syncType === syncProtocol.messageYjsSyncStep1) {
      let reply: Uint8Array;
      try {
        reply = Y.encodeStateAsUpdate(this.doc, payload);
      } catch {
        throw new MalformedMessageError('bad state vector');
      }
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.sync);
      encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
      encoding.writeVarUint8Array(enc, reply);
      peer.send(encoding.toUint8Array(enc));
      return;
    }
    if (syncType !== syncProtocol.messageYjsSyncStep2 && syncType !== syncProtocol.messageYjsUpdate) {
      throw new MalformedMessageError(`unknown sync message type ${syncType}`);
    }
    // Viewers' changes are dropped here, at the relay: hiding controls in the UI is not enough.
    if (peer.role === 'viewer') return;
    try {
      // Decoding first means a garbage update is rejected before it can touch the room's doc.
      Y.decodeUpdate(payload);
    } catch {
      throw new MalformedMessageError('update does not decode');
    }
    // Locks are enforced here too, not only by disabled buttons.
    const refusal = this.lockRefusal(peer, payload);
    if (refusal) {
      if (peer.extensions) this.sendControl(peer, { kind: 'refused', command: 'edit', reason: `Your change was not accepted: ${refusal}.` });
      return;
    }
    try {
      Y.applyUpdate(this.doc, payload, peer);
    } catch (err) {
      // Some damaged updates decode but fail while being integrated (a struct pointing nowhere).
      // Whatever Yjs integrated before the failure went out and was saved like any edit, so the
      // room stays consistent; the rest is dropped and the sender closed as malformed.
      throw new MalformedMessageError(`update does not apply: ${(err as Error).message}`);
    }
  }

  /**
   * Frees the room once it is saved and nobody is connected: compacts the file's log into one
   * snapshot and closes it (both queued behind any write, in the background).
   */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.flushTimer) clearImmediate(this.flushTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const snapshot = this.rowsSinceCompaction > 1 && this.pending.length === 0 ? Y.encodeStateAsUpdate(this.doc) : null;
    if (snapshot) this.storage.compact(snapshot).catch((err: unknown) => this.onError(err));
    this.storage.close().catch((err: unknown) => this.onError(err));
    this.awareness.destroy();
    this.doc.destroy();
  }
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
      decoding.readVarUint(d); // clock
      const json = decoding.readVarUint8Array(d);
      if (json.byteLength > AwarenessLimits.maxStateBytes) {
        throw new OversizedStateError(`presence state of ${json.byteLength} bytes (limit ${AwarenessLimits.maxStateBytes})`);
      }
      const state: unknown = JSON.parse(utf8.decode(json));
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) throw new Error('a presence state must be an object or null');
      if (depthOf(state) > AwarenessLimits.maxDepth) throw new Error(`a presence state nested deeper than ${AwarenessLimits.maxDepth}`);
      entries.push({ clientID, state });
    }
    if (decoding.hasContent(d)) throw new Error('trailing bytes');
  } catch (err) {
    if (err instanceof OversizedStateError) throw err;
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
