// The one way a person's changes reach the doc: each change is one transaction, tagged with this
// person's origin (so undo never touches anyone else's work) and placed in an undo step by its
// intent. The session owns one; the store's actions are its only callers; tests use a bare Y.Doc.
import type * as Y from 'yjs';
import { cardsMap, itemsMap, linksMap, measuresMap, outcomesMap } from '../../../shared/doc';
import { UndoSteps, NEW_STEP, UNDO_CONFIG, type UndoIntent } from './undo-steps';

export class DocWriter {
  /** tags every undoable change this person makes */
  readonly localOrigin = { local: true };
  /** tags this person's changes nobody should undo (the worked example, migrations) */
  readonly systemOrigin = { local: true, system: true };
  readonly undoSteps: UndoSteps;
  private joinedLast = false;

  constructor(
    readonly doc: Y.Doc,
    /** whether this person may change the board right now (role, refusal, locks, file version) */
    private readonly allowed: () => boolean = () => true,
    config: { typingPauseMs: number } = UNDO_CONFIG,
    now?: () => number,
  ) {
    // Everything a person writes on the board, in the plan and in the follow-up is theirs to undo.
    const scope = [cardsMap(doc), itemsMap(doc), linksMap(doc), measuresMap(doc), outcomesMap(doc)];
    this.undoSteps = new UndoSteps(scope as Y.AbstractType<unknown>[], this.localOrigin, config, now);
  }

  get canEdit(): boolean {
    return this.allowed();
  }

  get undo(): Y.UndoManager {
    return this.undoSteps.manager;
  }

  /** Whether a transaction was one of this person's own changes (including their undo and redo). */
  isMine(tr: Y.Transaction): boolean {
    return tr.origin === this.localOrigin || tr.origin === this.systemOrigin || tr.origin === this.undoSteps.manager;
  }

  /**
   * Runs one change in one transaction. The intent says where it belongs in undo: a step of its
   * own (the default), more typing in a field, part of a named action, or not undoable at all.
   * Returns false, changing nothing, when this person may not change the board right now.
   */
  change(fn: (doc: Y.Doc, origin: object) => void, intent: UndoIntent = NEW_STEP): boolean {
    if (!this.allowed()) return false;
    const origin = intent.kind === 'none' ? this.systemOrigin : this.localOrigin;
    this.joinedLast = this.undoSteps.begin(intent);
    this.doc.transact(() => fn(this.doc, origin), origin);
    return true;
  }

  /**
   * Whether the latest change continued the step before it (a key typed into the same field, the
   * naming of a card just added): to a person that is still one change, not another.
   */
  get lastChangeJoined(): boolean {
    return this.joinedLast;
  }

  /** The person left a field: the next key typed there starts a new undo step. */
  endTyping(key: string): void {
    this.undoSteps.endTyping(key);
  }

  /** Takes back the open named step (see UndoSteps.retract); false if it is no longer open. */
  retract(name: string): boolean {
    return this.allowed() && this.undoSteps.retract(name);
  }

  /** The named action is complete: nothing else joins its step. */
  endStep(): void {
    this.undoSteps.end();
  }

  destroy(): void {
    this.undoSteps.manager.destroy();
  }
}
