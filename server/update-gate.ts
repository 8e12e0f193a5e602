// Applies a peer's update to the room's doc under a policy, and takes it back if the policy
// refuses it. Yjs updates from one client build on each other (a client's next edit carries the
// next clock), so a refused update cannot simply be dropped: the sender's following edits would
// wait for it at the relay forever and its copy would differ from everyone else's. Instead the
// relay integrates it, reverts it at once (deletes what it inserted, restores what it deleted)
// and hands everyone, sender included, the net result: the refused structs as deleted
// placeholders plus the restoring edits. The refused content reaches nobody, the sender's copy
// converges, and when its local copy (IndexedDB) resends the refused edit after a reconnect the
// relay already has it, as deleted.
//
// The gate fails closed: an update that leaves anything parked (structs or deletions whose
// dependencies the relay does not have) is refused and nothing of it is kept for later, and an
// update whose integration or check throws is reverted like a refused one, never published.
import * as Y from 'yjs';
import { CloseCode } from '../shared/protocol';
import { pendingState, restorePending, leftPending, collectDeleted } from '../shared/doc/yjs-internals';

/** A refusal may also close the sender (`close`: the close code) when it points to a broken or hostile client. */
export type GateVerdict = { ok: true } | { ok: false; reason: string; close?: number };

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

export class UpdateGate {
  /** tracks exactly the transaction being checked, so it can be reverted */
  private readonly undo: Y.UndoManager;
  /** the origin of the transaction that integrates a peer's update while it is checked */
  readonly checkingOrigin = { checking: true };

  constructor(private readonly doc: Y.Doc) {
    this.undo = new Y.UndoManager(doc, { trackedOrigins: new Set([this.checkingOrigin]), captureTimeout: 0 });
  }

  /**
   * Applies `update`; `judge` sees the transaction and decides (it is not called when the
   * update left something parked, or failed to integrate: those are refused). `capture` must
   * collect the doc's 'update' events while this runs (the room holds them back instead of
   * publishing).
   */
  apply(update: Uint8Array, judge: (tr: Y.Transaction | null) => GateVerdict, capture: () => Uint8Array[]): GateResult {
    const pendingBefore = pendingState(this.doc);
    const before = Y.encodeStateVector(this.doc);
    let tr: Y.Transaction | null = null;
    const onTransaction = (t: Y.Transaction) => {
      if (t.origin === this.checkingOrigin) tr = t;
    };
    let verdict: GateVerdict;
    this.doc.on('afterTransaction', onTransaction);
    try {
      Y.applyUpdate(this.doc, update, this.checkingOrigin);
      verdict = leftPending(this.doc, pendingBefore)
        ? { ok: false, reason: 'it builds on changes the host does not have', close: CloseCode.outOfOrder }
        : judge(tr);
    } catch (err) {
      verdict = { ok: false, reason: `it could not be applied (${(err as Error).message})`, close: CloseCode.malformed };
    } finally {
      this.doc.off('afterTransaction', onTransaction);
    }
    if (verdict.ok) {
      this.release(tr);
      return { verdict, updates: capture() };
    }
    try {
      // Nothing the doc could not place is kept to be integrated later, when someone else's edit
      // fills the gap and nobody would check it.
      restorePending(this.doc, pendingBefore);
      this.undo.undo();
      this.undo.clear();
      // The reverted content is deleted now; collect it so it is not kept, sent or saved.
      collectDeleted(this.doc);
    } catch (err) {
      capture();
      throw new GateBrokenError(`a refused change could not be taken back: ${(err as Error).message}`);
    }
    capture();
    return { verdict, updates: [Y.encodeStateAsUpdate(this.doc, before)] };
  }

  /** Forgets the checked transaction (the undo manager kept its deleted content for undoing). */
  private release(tr: Y.Transaction | null): void {
    this.undo.clear();
    if (tr) collectDeleted(this.doc, tr);
  }

  destroy(): void {
    this.undo.destroy();
  }
}
