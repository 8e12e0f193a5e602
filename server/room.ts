// One live workshop in the relay's memory: its Y.Doc and the connections to it. The room wires
// its parts together: the durable log (durable-log.ts) saves what changes, the presence guard
// (presence-guard.ts) keeps each person's presence their own, edit admission
// (edit-admission.ts) admits edits by who sent them and what they change, and the control
// state (room-control.ts) runs facilitation. The socket plumbing lives in peer-connection.ts;
// the relay's own messages are encoded in shared/relay-messages.ts.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CloseCode, MessageType, type Role } from '../shared/protocol';
import { encodeRelayControl, encodeSaved, encodeSaveStatus, encodeWelcome, decodeControlJson } from '../shared/relay-messages';
import type { WorkshopFile } from './workshop-file';
import type { RoomStorage } from './save-worker';
import { RoomControl, type Voter } from './room-control';
import { controlCommandSchema, type ControlEvent, type RelayControlMessage } from '../shared/control';
import { metaMap, cardsMap, itemsMap, writeVoteResults } from '../shared/doc/workshop-doc';
import { tablesMap, tableOfEntry } from '../shared/doc/tables';
import { rootNames } from '../shared/doc/schema';
import { migrate, NewerSchemaError } from '../shared/doc/migrations';
import { LOAD_ORIGIN, MIGRATION_ORIGIN, RELAY_ORIGIN } from '../shared/doc/origins';
import { DurableLog } from './durable-log';
import { PresenceGuard } from './presence-guard';
import { ClientOwners, RELAY_PERSON, PRESENCE_BINDINGS_KEY } from './client-owners';
import { EditAdmission } from './edit-admission';
import { GateBrokenError } from './update-gate';
import { MalformedMessageError, RelayRefusal } from './relay-errors';
import { PeopleHere } from './people-here';
import { SeatOwners, SEAT_OWNERS_KEY } from './seat-owners';

/** How long after a join, a leave or new presence everyone is told who is here (a burst is told once). */
const PEOPLE_NOTICE_MS = 150;

export { MalformedMessageError, OversizedStateError, RelayRefusal } from './relay-errors';
export { AwarenessLimits, parseAwarenessUpdate } from './presence-guard';

/** Presence changes go out to a room at most this often (the app's own pointer stream is 20 a second). */
const PRESENCE_FLUSH_MS = 50;

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
  /**
   * the person this connection is: the voter ticket the relay signed, which the client brings
   * back when it reconnects (never an id the client made up). The client ids it introduces and
   * the dots it places are this person's, across reconnects and on every device that has it.
   */
  person: string;
  /** spends one of the connection's presence updates per second; false once they are used up */
  spendPresence(): boolean;
  /** the seat of the name and organisation the person joined with (seat-owners.ts) */
  seat: string;
  /** the name the person gave, for named votes */
  name: string;
}

export interface RoomOptions {
  /** the doc may not grow beyond this many bytes (encoded); an update that would is refused */
  maxDocBytes: number;
  onError(err: unknown): void;
  /** saving started failing, or works again */
  onSaveStatus(ok: boolean, error?: string): void;
  /** the doc can no longer be trusted (a refused edit could not be taken back): reload the room */
  onBroken?(err: Error): void;
}

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  /** facilitation state (timer, locks, votes…), owned here so nobody but a facilitator can change it */
  readonly control: RoomControl;
  private readonly log: DurableLog;
  private readonly presence: PresenceGuard;
  private readonly admission: EditAdmission;
  /** who each Yjs client id in this room belongs to */
  readonly owners: ClientOwners;
  /** while an update is being checked, the doc's update events wait here instead of going out */
  private held: Uint8Array[] | null = null;
  /** the peer whose update is being applied right now (the doc sees the gate as its origin) */
  applyingFrom: Peer | null = null;
  /** encoded size of the doc, recomputed when the running estimate nears the limit */
  private docBytes: number;
  private destroyed = false;
  private readonly people = new PeopleHere();
  private readonly seatOwners: SeatOwners;
  /** what everyone was last told about who is here, and the pending telling */
  private peopleSent = '';
  private peopleTimer: ReturnType<typeof setTimeout> | null = null;
  /** presence ids changed since the last presence message went out, and when that was */
  private readonly presencePending = new Set<number>();
  private presenceTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPresenceFlush = 0;
  private readonly toldPeople = new WeakSet<Peer>();
  /** set when the doc holds something unchecked: it is then never compacted into the file */
  private broken = false;

  /**
   * Loads the doc from `file` (which the caller may close afterwards); from then on edits are
   * saved through `storage`.
   */
  constructor(
    readonly id: string,
    file: WorkshopFile,
    readonly storage: RoomStorage,
    private readonly options: RoomOptions,
  ) {
    file.loadInto(this.doc);
    // Every top-level type the schema declares exists with its own kind before any peer writes,
    // so a peer's update can never decide what kind a root is.
    for (const name of rootNames) this.doc.getMap(name);
    this.control = new RoomControl(file.getMeta('control'));
    this.owners = new ClientOwners(
      file.metaWithPrefix(ClientOwners.keyPrefix),
      (key, value) => this.storage.setMeta(key, value).catch((err: unknown) => options.onError(err)),
      file.getMeta(PRESENCE_BINDINGS_KEY),
    );
    // The relay's own writes (revealed votes, restores, migrations) are nobody else's to extend.
    this.owners.bindWriter(this.doc.clientID, RELAY_PERSON);
    this.docBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    this.log = new DurableLog(this.doc, storage, () => String(metaMap(this.doc).get('title') ?? ''), file.pendingCompaction, {
      saved: () => this.announceSaved(),
      status: (ok, error) => this.onSaveStatus(ok, error),
      error: (err) => options.onError(err),
    });
    this.seatOwners = new SeatOwners(file.getMeta(SEAT_OWNERS_KEY), (key, value) =>
      this.storage.setMeta(key, value).catch((err: unknown) => options.onError(err)),
    );
    this.admission = new EditAdmission(this.doc, this.owners, {
      locks: () => ({
        boardLocked: this.control.boardLocked,
        lockedItems: this.control.stateFor(null).lockedItems,
        lockedTables: this.control.lockedTables,
        tableOf: (id) => tableOfEntry(this.doc, id),
      }),
      seats: { owners: this.seatOwners, choosing: () => this.control.selfSeating },
      roomFor: (bytes) => this.roomFor(bytes),
    });
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The relay is not a participant: it must not appear in anyone's presence list.
    this.awareness.setLocalState(null);
    this.presence = new PresenceGuard(this.awareness, (id, peer) => this.owners.bindPresence(id, (peer as Peer).person));
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.guard(() => this.onDocUpdate(update, origin)));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.guard(() => this.onAwarenessUpdate(change, origin)),
    );
    this.migrate();
  }

  /** Brings an old workshop up to the current schema: the schema version is the relay's to write. */
  private migrate(): void {
    try {
      migrate(this.doc, MIGRATION_ORIGIN);
    } catch (err) {
      // A workshop from a newer app is left as it is; the app opens it read-only and says why.
      if (!(err instanceof NewerSchemaError)) throw err;
    }
  }

  /** Whether the doc may grow by `bytes` more without passing its size limit. */
  private roomFor(bytes: number): boolean {
    if (this.docBytes + bytes <= this.options.maxDocBytes) return true;
    this.docBytes = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.docBytes <= this.options.maxDocBytes;
  }

  /** Runs a handler that Yjs or a timer calls: an error is reported, never thrown into the caller. */
  private guard(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.options.onError(err);
    }
  }

  private onDocUpdate(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    if (this.held) {
      this.held.push(update);
      return;
    }
    this.publish(update, null);
  }

  /** Saves an accepted change and passes it on to everyone but its sender. */
  private publish(update: Uint8Array, sender: Peer | null): void {
    this.log.push(update);
    this.docBytes += update.byteLength;
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.sync);
    syncProtocol.writeUpdate(enc, update);
    const message = encoding.toUint8Array(enc);
    for (const p of this.peers) if (p !== sender) p.send(message);
    const votes = this.control.reconcileVotes((id) => this.entryKind(id) === 'card' || this.entryKind(id) === 'item');
    const tables = this.control.reconcileTables((id) => this.entryKind(id) === 'table');
    if (votes || tables) this.controlChanged();
  }

  private entryKind(id: string): 'card' | 'item' | 'table' | null {
    return cardsMap(this.doc).has(id) ? 'card' : itemsMap(this.doc).has(id) ? 'item' : tablesMap(this.doc).has(id) ? 'table' : null;
  }

  /** The control state changed: keep it, and send everyone their own view of it. */
  private controlChanged(): void {
    this.storage.setMeta('control', this.control.serialise()).catch((err: unknown) => this.options.onError(err));
    this.broadcastControl();
  }

  private onAwarenessUpdate({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
    // Entries that timed out were never removed by their owner: the guard forgets them too.
    if (origin !== null && !this.peers.has(origin as Peer)) this.presence.forget(removed);
    if (added.length || removed.length) this.peopleChanged();
    for (const id of [...added, ...updated, ...removed]) this.presencePending.add(id);
    this.schedulePresence();
  }

  /**
   * Sends the presence changes waiting, at most once per PRESENCE_FLUSH_MS: the first change
   * after a quiet spell goes at once, those that follow within the interval go together. Forty
   * people's pointers would otherwise be forty messages a frame to every client, and every stock
   * client sends each one back.
   */
  private schedulePresence(): void {
    if (this.presenceTimer || this.destroyed || this.presencePending.size === 0) return;
    const wait = this.lastPresenceFlush + PRESENCE_FLUSH_MS - Date.now();
    if (wait <= 0) return this.flushPresence();
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      this.guard(() => this.flushPresence());
    }, wait);
    this.presenceTimer.unref?.();
  }

  private flushPresence(): void {
    if (this.destroyed || this.presencePending.size === 0) return;
    // An id whose presence the awareness no longer knows at all has nothing to send.
    const changed = [...this.presencePending].filter((id) => this.awareness.meta.has(id));
    this.presencePending.clear();
    this.lastPresenceFlush = Date.now();
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.awareness);
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    this.broadcast(encoding.toUint8Array(enc));
  }

  private broadcast(message: Uint8Array): void {
    for (const p of this.peers) p.send(message);
  }

  private announceSaved(): void {
    const message = encodeSaved(this.log.savedVector);
    for (const p of this.peers) if (p.extensions) p.send(message);
  }

  private onSaveStatus(ok: boolean, error?: string): void {
    const message = encodeSaveStatus(ok ? { ok: true } : { ok: false, reason: error ?? 'unknown problem' });
    for (const p of this.peers) if (p.extensions) p.send(message);
    this.options.onSaveStatus(ok, error);
  }

  /**
   * Resolves once every edit received so far is durably written (and announced as saved);
   * rejects if a write fails, leaving the edits pending for a retry.
   */
  async save(): Promise<void> {
    // Ids someone only announced in presence stay theirs while the room is out of memory.
    await this.owners.persistPresence();
    await this.log.flush();
  }

  get hasUnsavedChanges(): boolean {
    return this.log.hasUnsavedChanges;
  }

  /** Why saving fails right now, or null while it works. */
  get saveProblem(): string | null {
    return this.log.saveProblem;
  }

  join(peer: Peer): void {
    this.peers.add(peer);
    this.peopleChanged();
    if (peer.extensions) peer.send(encodeWelcome(peer.role));
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
      peer.send(encodeSaved(this.log.savedVector));
      if (this.log.saveProblem) peer.send(encodeSaveStatus({ ok: false, reason: this.log.saveProblem }));
      this.sendControl(peer, { kind: 'state', state: this.control.stateFor(peer.person) });
    }
  }

  private sendControl(peer: Peer, message: RelayControlMessage): void {
    peer.send(encodeRelayControl(message));
  }

  /** Every connection gets its own view of the control state (its own dots, nobody else's). */
  private broadcastControl(): void {
    for (const p of this.peers) if (p.extensions) this.sendControl(p, { kind: 'state', state: this.control.stateFor(p.person) });
  }

  private receiveControl(peer: Peer, decoder: decoding.Decoder): void {
    let command;
    try {
      const parsed = controlCommandSchema.safeParse(decodeControlJson(decoder));
      if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'invalid');
      command = parsed.data;
    } catch (err) {
      throw new MalformedMessageError(`bad control message: ${(err as Error).message}`);
    }
    const voter: Voter = { role: peer.role, voterId: peer.person, name: peer.name };
    const outcome = this.control.handle(
      voter,
      command,
      (id) => this.entryKind(id),
      (ref) => this.participantHere(ref),
    );
    if (!outcome.ok) {
      this.sendControl(peer, { kind: 'refused', command: command.type, reason: outcome.reason });
      return;
    }
    // Revealed results stay with the entries voted on: the relay writes them into the doc.
    if (outcome.results) writeVoteResults(this.doc, outcome.results, RELAY_ORIGIN);
    if (outcome.changed) this.controlChanged();
    if (outcome.event) this.announce(outcome.event);
  }

  /** A participant connected now, by the ref Participants knows them by: the clicker is handed to a person, never to a made-up name. */
  private participantHere(ref: string): { voterId: string; name: string } | null {
    const person = this.people.personOf(ref);
    const peer = person ? [...this.peers].find((p) => p.person === person && p.role === 'participant') : undefined;
    return peer ? { voterId: peer.person, name: peer.name } : null;
  }

  /**
   * Who is here changed (a join, a leave, presence ids announced or gone): tells everyone shortly,
   * once for a burst (forty people joining at once is one message each, not forty).
   */
  private peopleChanged(): void {
    if (this.peopleTimer || this.destroyed) return;
    this.peopleTimer = setTimeout(() => {
      this.peopleTimer = null;
      if (this.destroyed) return;
      const people = this.people.list(this.peers);
      const said = JSON.stringify(people);
      // A newcomer has not heard it yet, even when nothing else changed.
      const fresh = [...this.peers].filter((p) => p.extensions && !this.toldPeople.has(p));
      if (said === this.peopleSent && fresh.length === 0) return;
      const listeners = said === this.peopleSent ? fresh : [...this.peers].filter((p) => p.extensions);
      this.peopleSent = said;
      const message = encodeRelayControl({ kind: 'people', people });
      for (const p of listeners) {
        this.toldPeople.add(p);
        p.send(message);
      }
    }, PEOPLE_NOTICE_MS);
    this.peopleTimer.unref?.();
  }

  /** Tells everyone of a one-off moment (being brought somewhere, a restore about to arrive). */
  announce(event: ControlEvent): void {
    for (const p of this.peers) if (p.extensions) this.sendControl(p, { kind: 'event', event });
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    this.presence.leave(peer);
    this.peopleChanged();
  }

  /**
   * Handles one message from a peer. Throws a RelayRefusal (MalformedMessageError,
   * OversizedStateError…) for anything the relay will not take; the room is left consistent.
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
        this.presence.receive(peer, update, () => peer.spendPresence());
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
    this.applyChecked(peer, payload);
  }

  /**
   * Applies a peer's update if it is the sender's to make and the schema, the locks and the size
   * limit allow it; reverts it for everyone if not. Throws a RelayRefusal to close the sender
   * when the update is refused for what it is (someone else's, out of order, unreadable).
   */
  private applyChecked(peer: Peer, payload: Uint8Array): void {
    const shape = this.admission.precheck(peer, payload);
    this.held = [];
    this.applyingFrom = peer;
    let admitted;
    try {
      admitted = this.admission.apply(peer, payload, shape, () => this.held ?? []);
    } catch (err) {
      // Only a revert that failed gets here: what the doc holds can no longer be trusted, so
      // none of it is published or saved, and everyone reconnects to a room loaded afresh.
      this.held = null;
      if (err instanceof GateBrokenError) {
        this.broken = true;
        this.options.onBroken?.(err);
      }
      throw err;
    } finally {
      this.applyingFrom = null;
    }
    this.held = null;
    if (admitted.ok) {
      for (const u of admitted.result.updates) this.publish(u, peer);
      return;
    }
    // The net change (the refused edit, reverted) goes to everyone, the sender included, so the
    // sender's copy converges with the room's.
    for (const u of admitted.result.updates) this.publish(u, null);
    if (peer.extensions) this.sendControl(peer, { kind: 'refused', command: 'edit', reason: `Your change was not accepted: ${admitted.reason}.` });
    if (admitted.tooLarge) throw new RelayRefusal(CloseCode.docTooLarge, 'the workshop is at its size limit');
    if (admitted.close !== undefined) throw new RelayRefusal(admitted.close, `refused an edit: ${admitted.reason}`);
  }

  /**
   * Frees the room once it is saved and nobody is connected: compacts the file's log into one
   * snapshot and closes it (both queued behind any write, in the background).
   */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.peopleTimer) clearTimeout(this.peopleTimer);
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.log.stop(!this.broken);
    this.admission.destroy();
    this.awareness.destroy();
    this.doc.destroy();
  }
}
