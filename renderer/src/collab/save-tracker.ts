// Counts local changes the relay has not yet written durably. The relay announces the state
// vector it has saved; a local transaction is saved once the relay's clock for our client id
// has passed the clock that transaction reached.
import * as Y from 'yjs';

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

  /** Call after a local transaction changed the doc. */
  noteLocalChange(): void {
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    if (clock > this.savedClock) {
      this.waiting.push(clock);
      this.onChange();
    }
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
