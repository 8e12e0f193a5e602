// Decides whether one peer's Yjs update enters the room, in two steps:
//
// 1. Before the update touches the doc, what it claims: every struct must be under a client id
//    that belongs to the sender (client-owners.ts), start where the room's copy of that id ends
//    (no gap to park), and every deletion must name clocks the room holds or the update brings.
//    An update that fails here is refused whole and nothing of it is integrated, so nobody's
//    future clocks can be filled or deleted in advance.
// 2. The update is integrated under the gate (update-gate.ts), which has it judged step by step:
//    the schema and who may write what (schema-gate.ts) before and after its structs go in and
//    before its deletions do, then the facilitator's locks (lock-policy.ts), whose seats a
//    participant may change (seat-owners.ts) and the room's size limit on the whole. A refused update is reverted for everyone.
import * as Y from 'yjs';
import { CloseCode, type Role } from '../shared/protocol';
import { updateShape, type UpdateShape, type DecodedUpdate } from '../shared/doc/yjs-internals';
import type { ClientOwners } from './client-owners';
import { UpdateGate, type GateResult } from './update-gate';
import { SchemaCheck } from './schema-gate';
import { lockRefusal, type LockState } from './lock-policy';
import type { SeatOwners } from './seat-owners';
import { MalformedMessageError, RelayRefusal } from './relay-errors';

/** Who is sending, as admission needs to know. */
export interface Sender {
  role: Role;
  /** the person the relay counts this connection as (its signed voter ticket) */
  person: string;
  /** the seat of the name and organisation the sender joined with */
  seat: string;
}

export interface AdmissionContext {
  locks(): LockState;
  /** who chose from which seat, and whether people may choose their own table now */
  seats: { owners: SeatOwners; choosing(): boolean };
  /** whether the doc may take `bytes` more (the room keeps the running estimate) */
  roomFor(bytes: number): boolean;
}

/** What the precheck found: the client ids under which the update brings new content. */
export interface Prechecked {
  writes: number[];
  /** the update, decoded once for both steps */
  decoded: DecodedUpdate;
}

export type Admission =
  | { ok: true; result: GateResult }
  /** refused after being integrated and reverted: publish `result.updates` to everyone */
  | { ok: false; result: GateResult; reason: string; tooLarge: boolean; close?: number };

export class EditAdmission {
  readonly gate: UpdateGate;

  constructor(
    private readonly doc: Y.Doc,
    readonly owners: ClientOwners,
    private readonly context: AdmissionContext,
  ) {
    this.gate = new UpdateGate(doc);
  }

  /**
   * Checks what an update claims before applying it. Throws a RelayRefusal (and changes nothing)
   * for one that writes under someone else's client id or would leave anything parked.
   */
  precheck(sender: Sender, payload: Uint8Array): Prechecked {
    let shape: UpdateShape;
    try {
      shape = updateShape(payload);
    } catch (err) {
      throw new MalformedMessageError(`update does not decode: ${(err as Error).message}`);
    }
    const store = this.doc.store;
    const writes: number[] = [];
    for (const [client, { first, end }] of shape.structs) {
      const known = Y.getState(store, client);
      // Structs the room already has (a client resending what it has seen) change nothing.
      if (end <= known) continue;
      writes.push(client);
      const may = this.owners.mayWrite(client, sender.person, known);
      if (!may.ok) throw new RelayRefusal(CloseCode.notYours, `refused an edit: ${may.reason}`);
      // A gap before the update's first struct would have to be parked until something fills it.
      if (first > known) throw new RelayRefusal(CloseCode.outOfOrder, `refused an edit that starts at clock ${first} of client ${client}, after ${known}`);
    }
    if (shape.hasGaps) throw new RelayRefusal(CloseCode.outOfOrder, 'refused an edit with gaps in it');
    for (const [client, end] of shape.deletionsEnd) {
      const available = Math.max(Y.getState(store, client), shape.structs.get(client)?.end ?? 0);
      if (end > available) throw new RelayRefusal(CloseCode.outOfOrder, `refused a deletion of clocks of client ${client} that do not exist yet`);
    }
    return { writes, decoded: shape.decoded };
  }

  /** Integrates a prechecked update under the gate; `capture` collects the doc's update events. */
  apply(sender: Sender, payload: Uint8Array, prechecked: Prechecked, capture: () => Uint8Array[]): Admission {
    let tooLarge = false;
    const schema = new SchemaCheck(sender.role);
    const result = this.gate.apply(
      payload,
      prechecked.decoded,
      schema.judge(() => {
        const locked = lockRefusal(sender.role, this.context.locks(), schema.scope);
        if (locked) return { ok: false, reason: locked };
        const seated = this.context.seats.owners.refusal(sender, schema.scope.seats, this.context.seats.choosing());
        if (seated) return { ok: false, reason: seated };
        if (!this.context.roomFor(payload.byteLength)) {
          tooLarge = true;
          return { ok: false, reason: 'the workshop is at its size limit' };
        }
        return { ok: true };
      }),
      capture,
    );
    if (!result.verdict.ok) return { ok: false, result, reason: result.verdict.reason, tooLarge, close: result.verdict.close };
    // Accepted: the ids it introduced are the sender's from now on (kept ahead of the edit itself).
    for (const client of prechecked.writes) this.owners.bindWriter(client, sender.person);
    this.context.seats.owners.bind(sender, schema.scope.seats);
    return { ok: true, result };
  }

  destroy(): void {
    this.gate.destroy();
  }
}
