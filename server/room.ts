// One live workshop in the relay's memory: its Y.Doc, awareness, connections and the file it
// is saved to. Decisions about who may write live here; the socket plumbing lives in relay.ts.
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MessageType, type Role } from '../shared/protocol';
import { metaMap } from '../shared/doc/workshop-doc';
import type { WorkshopFile } from './workshop-file';

export interface Peer {
  role: Role;
  /** token the peer was admitted with, so revoking it can find the peer */
  token: string;
  /** whether the peer asked for the relay's extra messages (saved, welcome) */
  extensions: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
  /** awareness client ids this peer has announced, removed when it leaves */
  awarenessIds: Set<number>;
}

export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}

const COMPACT_AFTER_ROWS = 500;

export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  private pending: Uint8Array[] = [];
  private flushTimer: NodeJS.Immediate | null = null;
  private lastTitle = '';

  constructor(
    readonly id: string,
    readonly file: WorkshopFile,
    private readonly onError: (err: unknown) => void,
  ) {
    file.loadInto(this.doc);
    this.lastTitle = String(metaMap(this.doc).get('title') ?? '');
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The relay is not a participant: it must not appear in anyone's presence list.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin));
    this.awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (origin && typeof origin === 'object' && 'awarenessIds' in origin) {
        const ids = (origin as Peer).awarenessIds;
        for (const id of added) ids.add(id);
        for (const id of removed) ids.delete(id);
      }
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, MessageType.awareness);
      encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      this.broadcast(encoding.toUint8Array(enc));
    });
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

  private broadcast(message: Uint8Array): void {
    for (const p of this.peers) p.send(message);
  }

  private scheduleFlush(): void {
    // Batch everything that arrived in this turn of the event loop into one durable commit.
    if (this.flushTimer) return;
    this.flushTimer = setImmediate(() => {
      this.flushTimer = null;
      try {
        this.flush();
      } catch (err) {
        this.onError(err);
      }
    });
  }

  /** Writes pending updates durably, then tells extension-aware peers what is now saved. */
  flush(): void {
    if (this.flushTimer) {
      clearImmediate(this.flushTimer);
      this.flushTimer = null;
    }
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const title = String(metaMap(this.doc).get('title') ?? '');
    this.file.append([Y.mergeUpdates(batch)], title !== this.lastTitle ? title : undefined);
    this.lastTitle = title;
    if (this.file.pendingCompaction > COMPACT_AFTER_ROWS) this.file.compact(this.doc);
    this.announceSaved();
  }

  private savedMessage(): Uint8Array {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MessageType.saved);
    encoding.writeVarUint8Array(enc, Y.encodeStateVector(this.doc));
    return encoding.toUint8Array(enc);
  }

  private announceSaved(): void {
    const message = this.savedMessage();
    for (const p of this.peers) if (p.extensions) p.send(message);
  }

  get hasUnsavedChanges(): boolean {
    return this.pending.length > 0;
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
    if (peer.extensions) peer.send(this.savedMessage());
  }

  leave(peer: Peer): void {
    if (!this.peers.delete(peer)) return;
    if (peer.awarenessIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null);
  }

  /**
   * Handles one message from a peer. Throws MalformedMessageError for anything that does not
   * decode; in that case nothing from the message has touched the room.
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
          validateAwarenessUpdate(update);
        } catch (err) {
          throw new MalformedMessageError(`bad awareness update: ${(err as Error).message}`);
        }
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
    try {
      // Decoding first means a garbage update is rejected before it can touch the room's doc.
      Y.decodeUpdate(payload);
    } catch {
      throw new MalformedMessageError('update does not decode');
    }
    Y.applyUpdate(this.doc, payload, peer);
  }

  /** Saves, compacts and frees the room once nobody is connected. */
  unload(): void {
    this.flush();
    if (this.file.pendingCompaction > 1) this.file.compact(this.doc);
    this.file.close();
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Checks an awareness update's structure (ids, clocks, JSON states) without applying it. */
function validateAwarenessUpdate(update: Uint8Array): void {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    const json = decoding.readVarString(d);
    const state: unknown = JSON.parse(json);
    if (state !== null && typeof state !== 'object') throw new Error('awareness state must be an object or null');
  }
  if (decoding.hasContent(d)) throw new Error('trailing bytes');
}
