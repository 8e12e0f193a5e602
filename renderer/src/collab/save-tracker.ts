// Counts local changes the relay has not yet written durably, as a person counts them: a card
// added and named, or a stretch of typing in one field, is one change however many keystrokes.
// The relay announces the state vector it has saved; a change is saved once the relay's clock
// for our client id has passed the clock its last transaction reached.
import * as Y from 'yjs';
import type { DocWriter } from './doc-writer';

export class SaveTracker {
  /** clock of our client id after each unsaved local transaction, oldest first */
  private waiting: number[] = [];
  private savedClock = 0;
  /** other client ids (earlier sessions, restored from the local copy) that are ahead of the relay */
  private aheadOthers = 0;

  constructor(
    private readonly doc: Y.Doc,
    private readonly onChange: () => void,
  ) {}

  /**
   * Call after a local transaction changed the doc. `continues` says it belongs to the same action
   * as the one before (typing on in a field): the count stays, and the action is saved once its
   * last part is.
   */
  noteLocalChange(continues = false): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    if (clock <= this.savedClock) return;
    if (continues && this.waiting.length > 0) this.waiting[this.waiting.length - 1] = clock;
    else this.waiting.push(clock);
    this.onChange();
  }

  /** Call with the state vector the relay reports as saved. */
  noteSaved(savedStateVector: Uint8Array): void {
    const saved = Y.decodeStateVector(savedStateVector);
    this.savedClock = saved.get(this.doc.clientID) ?? 0;
    this.waiting = this.waiting.filter((c) => c > this.savedClock);
    const local = Y.decodeStateVector(Y.encodeStateVector(this.doc));
    let ahead = 0;
    for (const [client, clock] of local) if (client !== this.doc.clientID && clock > (saved.get(client) ?? 0)) ahead++;
    this.aheadOthers = ahead;
    this.onChange();
  }

  get unsaved(): number {
    return this.waiting.length + this.aheadOthers;
  }
}

/** Tells the tracker about each of this person's own changes (their undo and redo too) as they happen. */
export function countOwnChanges(doc: Y.Doc, writer: DocWriter, tracker: SaveTracker): () => void {
  const onTransaction = (tr: Y.Transaction) => {
    if (tr.local && writer.isMine(tr) && tr.changed.size > 0) tracker.noteLocalChange(tr.origin === writer.localOrigin && writer.lastChangeJoined);
  };
  doc.on('afterTransaction', onTransaction);
  return () => doc.off('afterTransaction', onTransaction);
}
