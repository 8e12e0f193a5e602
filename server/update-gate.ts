// Applies a peer's update to the room's doc under a judge, in the order that lets a refusal take
// back nothing anyone else is building on:
//
// 1. Before anything is integrated, the judge sees the live values the update would write over.
//    A whole entry or a shared text, list or map replaced under its key is refused here, because
//    a revert could only bring it back as a copy: what others were typing into the original at
//    that moment would land in the deleted one and be lost.
// 2. The update's structs are integrated and judged from their transaction.
// 3. Before its deletions are applied, the judge sees the live items they would remove (refused
//    here for the same reason as 1: nobody else's edit lands in something deleted and restored).
// 4. The deletions are applied and the whole is judged (the locks, the room's size).
//
// Typing (deletions of characters or list values the doc already holds) skips the split: its
// deletions are judged first, then the update goes in whole, as one transaction.
//
// Yjs updates from one client build on each other (a client's next edit carries the next clock),
// so a refused update cannot simply be dropped: the sender's following edits would wait for it
// at the relay forever and its copy would differ from everyone else's. Refused in step 2 or 4,
// the relay reverts what it integrated (deletes what it inserted, restores what it deleted) and
// hands everyone, sender included, the net result: the refused structs as deleted placeholders
// plus the restoring edits. The refused content reaches nobody, and the sender's copy converges.
// Refused in step 1 or 3 (something no person's client sends), the sender's copy cannot
// converge; its verdict carries a close code.
//
// The gate fails closed: an update that leaves anything parked (structs or deletions whose
// dependencies the relay does not have) is refused and nothing of it is kept for later, and an
// update whose integration or check throws is reverted like a refused one, never published.
import * as Y from 'yjs';
import { CloseCode } from '../shared/protocol';
import {
  pendingState,
  restorePending,
  leftPending,
  collectDeleted,
  structsOnly,
  deletionRanges,
  deletionUpdate,
  liveItemsIn,
  rangesCover,
  overwrittenValues,
  contentKind,
  type DecodedUpdate,
  type DeletionRanges,
  type PendingState,
  type Overwrite,
} from '../shared/doc/yjs-internals';

/** A refusal may also close the sender (`close`: the close code) when it points to a broken or hostile client. */
export type GateVerdict = { ok: true } | { ok: false; reason: string; close?: number };

/** What decides, step by step, whether an update enters the doc (see the steps above). */
export interface GateJudge {
  /** Step 1, before anything is integrated: the live map values the update's structs would write over. */
  overwriting(values: Overwrite[]): GateVerdict;
  /** Step 2: the transaction that integrated the update's structs. */
  inserted(tr: Y.Transaction): GateVerdict;
  /** Step 3, before the deletions: the live items they would remove; `withParent` tells whether an item's parent goes too. */
  deleting(items: Y.Item[], withParent: (item: Y.Item) => boolean): GateVerdict;
  /** Step 4, everything integrated: what is judged on the whole. */
  complete(): GateVerdict;
}

export interface GateResult {
  verdict: GateVerdict;
  /**
   * What to publish: the update(s) to pass on to others and store. When the update was refused
   * this is the net (empty-looking) change, which the sender must receive too.
   */
  updates: Uint8Array[];
}

/** Reverting a refused update failed: the room's doc can no longer be trusted and must be reloaded. */
export class GateBrokenError extends Error {
  override name = 'GateBrokenError';
}

const notParked: GateVerdict = { ok: false, reason: 'it builds on changes the host does not have', close: CloseCode.outOfOrder };

export class UpdateGate {
  /** tracks exactly the transactions being checked, so they can be reverted */
  private readonly undo: Y.UndoManager;
  /** the origin of the transactions that integrate a peer's update while it is checked */
  readonly checkingOrigin = { checking: true };
  /** the transactions of the update being checked */
  private readonly integrated: Y.Transaction[] = [];
  /** accepted transactions whose deleted content the undo manager still keeps, released together after the current burst */
  private readonly accepted: Y.Transaction[] = [];
  private releasing: ReturnType<typeof setImmediate> | null = null;

  constructor(private readonly doc: Y.Doc) {
    this.undo = new Y.UndoManager(doc, { trackedOrigins: new Set([this.checkingOrigin]), captureTimeout: 0 });
  }

  /**
   * Applies `update` (decoded as `decoded`) under `judge`. `capture` must collect the doc's
   * 'update' events while this runs (the room holds them back instead of publishing).
   */
  apply(update: Uint8Array, decoded: DecodedUpdate, judge: GateJudge, capture: () => Uint8Array[]): GateResult {
    let verdict: GateVerdict;
    try {
      verdict = judge.overwriting(overwrittenValues(this.doc, decoded));
    } catch (err) {
      verdict = { ok: false, reason: `it could not be checked (${(err as Error).message})`, close: CloseCode.malformed };
    }
    if (!verdict.ok) return { verdict, updates: [] };

    const pendingBefore = pendingState(this.doc);
    // The undo stack may still hold accepted updates not yet released: a refusal takes back
    // only what this one added.
    const depth = this.undo.undoStack.length;
    // Never merged into the stack item of an accepted update (as a clock stepping back could make it).
    this.undo.stopCapturing();
    try {
      verdict = this.integrate(update, decoded, judge, pendingBefore);
    } catch (err) {
      verdict = { ok: false, reason: `it could not be applied (${(err as Error).message})`, close: CloseCode.malformed };
    }
    if (verdict.ok) {
      this.accepted.push(...this.integrated.splice(0));
      this.releaseSoon();
      // Structs and deletions went in as two transactions: one message carries both.
      const captured = capture();
      return { verdict, updates: captured.length > 1 ? [Y.mergeUpdates(captured)] : captured };
    }
    // What the doc held before: the state before the first transaction that ran (if any did).
    const before = this.integrated[0]?.beforeState;
    this.integrated.length = 0;
    try {
      // Nothing the doc could not place is kept to be integrated later, when someone else's edit
      // fills the gap and nobody would check it.
      restorePending(this.doc, pendingBefore);
      while (this.undo.undoStack.length > depth) this.undo.undo();
      this.release();
      // The reverted content is deleted now; collect it so it is not kept, sent or saved.
      if (before) collectDeleted(this.doc);
    } catch (err) {
      capture();
      throw new GateBrokenError(`a refused change could not be taken back: ${(err as Error).message}`);
    }
    capture();
    return { verdict, updates: before ? [Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(before))] : [] };
  }

  /**
   * Forgets accepted updates once the current burst of messages is handled (the undo manager
   * kept their deleted content in case they had to be taken back), then collects what they
   * deleted. Done after the update has gone out, so nobody waits for it.
   */
  private releaseSoon(): void {
    this.releasing ??= setImmediate(() => this.release());
  }

  private release(): void {
    if (this.releasing) clearImmediate(this.releasing);
    this.releasing = null;
    this.undo.clear();
    for (const tr of this.accepted.splice(0)) collectDeleted(this.doc, tr);
  }

  /** Steps 2 to 4; whatever it integrated before a refusal is reverted by the caller. */
  private integrate(update: Uint8Array, decoded: DecodedUpdate, judge: GateJudge, pendingBefore: PendingState): GateVerdict {
    const ranges = deletionRanges(decoded);
    const withParent = (item: Y.Item) => {
      const parentItem = item.parent instanceof Y.AbstractType ? item.parent._item : null;
      return !!parentItem && (parentItem.deleted || (ranges !== null && rangesCover(ranges, parentItem.id)));
    };
    const reached = ranges && this.withinDoc(ranges) ? liveItemsIn(this.doc, ranges) : null;
    if (ranges && reached?.every((item) => item.parentSub === null && contentKind(item) !== 'type')) {
      // Typing: the deletions remove characters or list values the doc already holds, nothing
      // anyone types into and nothing the update brings. Judged first, the update then goes in
      // whole, as one transaction and one message.
      const verdict = judge.deleting(reached, withParent);
      if (!verdict.ok) return verdict;
      return this.step(update, judge, pendingBefore) ?? judge.complete();
    }
    const structs = structsOnly(update, decoded);
    if (structs) {
      const refused = this.step(structs, judge, pendingBefore);
      if (refused) return refused;
    }
    if (ranges) {
      const verdict = judge.deleting(liveItemsIn(this.doc, ranges), withParent);
      if (!verdict.ok) return verdict;
      this.applyTracked(deletionUpdate(ranges));
      if (leftPending(this.doc, pendingBefore)) return notParked;
    }
    return judge.complete();
  }

  /** Integrates `part` and judges what it inserted; the refusal, or null. */
  private step(part: Uint8Array, judge: GateJudge, pendingBefore: PendingState): GateVerdict | null {
    const tr = this.applyTracked(part);
    if (leftPending(this.doc, pendingBefore)) return notParked;
    const verdict = tr ? judge.inserted(tr) : { ok: true as const };
    return verdict.ok ? null : verdict;
  }

  /** Whether the ranges name only clocks the doc already holds (none of the update's own). */
  private withinDoc(ranges: DeletionRanges): boolean {
    for (const [client, rs] of ranges) {
      const last = rs[rs.length - 1]!;
      if (last.clock + last.len > Y.getState(this.doc.store, client)) return false;
    }
    return true;
  }

  /** Applies part of the update as the checking origin, returning its transaction. */
  private applyTracked(part: Uint8Array): Y.Transaction | null {
    const seen: Y.Transaction[] = [];
    const onTransaction = (t: Y.Transaction) => {
      if (t.origin === this.checkingOrigin) seen.push(t);
    };
    this.doc.on('afterTransaction', onTransaction);
    try {
      Y.applyUpdate(this.doc, part, this.checkingOrigin);
    } finally {
      this.doc.off('afterTransaction', onTransaction);
      this.integrated.push(...seen);
    }
    return seen[0] ?? null;
  }

  destroy(): void {
    if (this.releasing) clearImmediate(this.releasing);
    this.releasing = null;
    this.undo.destroy();
  }
}
