// Applies a peer's update to the room's doc under a policy, and takes it back if the policy
// refuses it. Yjs updates from one client build on each other (a client's next edit carries the
// next clock), so a refused update cannot simply be dropped: the sender's following edits would
// wait for it at the relay forever and its copy would differ from everyone else's. Instead the
// relay integrates it, reverts it at once (deletes what it inserted, restores what it deleted)
// and hands everyone, sender included, the net result: the refused structs as deleted
// placeholders plus the restoring edits. The refused content reaches nobody, the sender's copy
// converges, and when its local copy (IndexedDB) resends the refused edit after a reconnect the
// relay already has it, as deleted.
import * as Y from 'yjs';

export type GateVerdict = { ok: true } | { ok: false; reason: string };

export interface GateResult {
  verdict: GateVerdict;
  /**
   * What to publish: the update(s) to pass on to others and store. When the update was refused
   * this is the net (empty-looking) change, which the sender must receive too.
   */
  updates: Uint8Array[];
}

export class UpdateGate {
  /** tracks exactly the transaction being checked, so it can be reverted */
  private readonly undo: Y.UndoManager;
  private readonly checking = { checking: true };

  constructor(private readonly doc: Y.Doc) {
    this.undo = new Y.UndoManager(doc, { trackedOrigins: new Set([this.checking]), captureTimeout: 0 });
  }

  /**
   * Applies `update`; `judge` sees the transaction (and whether the update left structs the doc
   * cannot place yet) and decides. `capture` must collect the doc's 'update' events while this
   * runs (the room holds them back instead of publishing). Throws what applyUpdate throws.
   */
  apply(update: Uint8Array, judge: (tr: Y.Transaction | null, leftPending: boolean) => GateVerdict, capture: () => Uint8Array[]): GateResult {
    const store = this.doc.store;
    const pendingBefore = store.pendingStructs;
    const pendingDsBefore = store.pendingDs;
    const pendingUpdateBefore = pendingBefore?.update;
    const before = Y.encodeStateVector(this.doc);
    let tr: Y.Transaction | null = null;
    const onTransaction = (t: Y.Transaction) => {
      if (t.origin === this.checking) tr = t;
    };
    this.doc.on('afterTransaction', onTransaction);
    try {
      Y.applyUpdate(this.doc, update, this.checking);
    } finally {
      this.doc.off('afterTransaction', onTransaction);
    }
    const leftPending =
      (store.pendingStructs !== null && store.pendingStructs.update !== pendingUpdateBefore) ||
      (store.pendingDs !== null && store.pendingDs !== pendingDsBefore);
    const verdict = judge(tr, leftPending);
    if (verdict.ok) {
      this.release(tr);
      return { verdict, updates: capture() };
    }
    // Structs the doc could not place yet are dropped rather than left to be integrated later,
    // when someone else's edit fills the gap and nobody would check them.
    store.pendingStructs = pendingBefore;
    store.pendingDs = pendingDsBefore;
    this.undo.undo();
    this.undo.clear();
    // The reverted content is deleted now; collect it so it is not kept, sent or saved.
    Y.tryGc(Y.createDeleteSetFromStructStore(store), store, this.doc.gcFilter);
    capture();
    return { verdict, updates: [Y.encodeStateAsUpdate(this.doc, before)] };
  }

  /** Forgets the checked transaction (the undo manager kept its deleted content for undoing). */
  private release(tr: Y.Transaction | null): void {
    this.undo.clear();
    if (tr) Y.tryGc((tr as Y.Transaction).deleteSet, this.doc.store, this.doc.gcFilter);
  }

  destroy(): void {
    this.undo.destroy();
  }
}
