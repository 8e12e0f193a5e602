// Where one person's undo steps begin and end. Every local change says what it is (a step of its
// own, more typing in a field, part of a named action, or not undoable at all) and this decides
// whether it joins the step that is open or starts a new one. Time alone never merges two actions.
import * as Y from 'yjs';

export type UndoIntent =
  /** a step of its own: one drop, one multi-card move, one status change */
  | { kind: 'step' }
  /** typing in one field: joins the open step while the key is the same and the person has not paused */
  | { kind: 'typing'; key: string }
  /** part of a named action (add a card, then name it): joins the open step while it carries this name */
  | { kind: 'named'; name: string }
  /** never undoable: the worked example, migrations, results the relay wrote */
  | { kind: 'none' };

export const NEW_STEP: UndoIntent = { kind: 'step' };
export const NOT_UNDOABLE: UndoIntent = { kind: 'none' };
export const typing = (key: string): UndoIntent => ({ kind: 'typing', key });
export const named = (name: string): UndoIntent => ({ kind: 'named', name });

/** The production configuration (the unit tests use this same object). */
export const UNDO_CONFIG = {
  /** a pause in typing this long ends the field's step; the next key starts a new one */
  typingPauseMs: 1000,
} as const;

interface OpenStep {
  intent: UndoIntent;
  at: number;
}

export class UndoSteps {
  readonly manager: Y.UndoManager;
  private open: OpenStep | null = null;

  constructor(
    scope: Y.AbstractType<unknown>[],
    /** the origin of this person's undoable changes; nothing else is ever tracked */
    readonly origin: object,
    private readonly config: { typingPauseMs: number } = UNDO_CONFIG,
    private readonly now: () => number = () => Date.now(),
  ) {
    // Y.UndoManager merges by time; with an endless capture window it merges exactly when we say
    // (stopCapturing() before a change that starts a step), never by accident.
    this.manager = new Y.UndoManager(scope, { trackedOrigins: new Set([origin]), captureTimeout: Number.MAX_SAFE_INTEGER });
    // Undo or redo closes whatever was open: typing after an undo is a new step.
    this.manager.on('stack-item-popped', () => this.end());
  }

  /**
   * Called just before a local change with the given intent is applied. Returns whether the
   * change joins the step already open (more typing in the same field, the next part of a named
   * action) rather than starting one.
   */
  begin(intent: UndoIntent): boolean {
    if (intent.kind === 'none') return false;
    const now = this.now();
    const joins = this.joins(intent, now);
    if (!joins) this.manager.stopCapturing();
    this.open = { intent, at: now };
    return joins;
  }

  /** Ends the open step (the person left the field, or the action is complete). */
  end(): void {
    this.open = null;
    this.manager.stopCapturing();
  }

  /**
   * Takes back the open named step as if it had never happened (a card added and left empty):
   * it leaves nothing behind to undo or redo. Returns false if that step is no longer open.
   */
  retract(name: string): boolean {
    const open = this.open?.intent;
    if (open?.kind !== 'named' || open.name !== name || this.manager.undoStack.length === 0) return false;
    this.manager.undo();
    // A new step cleared the redo stack, so the step just undone is all it holds.
    this.manager.redoStack.pop();
    this.manager.emit('stack-cleared', [{ undoStackCleared: false, redoStackCleared: true }]);
    return true;
  }

  /** Ends the open step only if it is typing in this field (leaving the field). */
  endTyping(key: string): void {
    if (this.open?.intent.kind === 'typing' && this.open.intent.key === key) this.end();
  }

  private joins(intent: UndoIntent, now: number): boolean {
    const open = this.open?.intent;
    if (!open || this.manager.undoStack.length === 0) return false;
    if (intent.kind === 'typing') return open.kind === 'typing' && open.key === intent.key && now - this.open!.at < this.config.typingPauseMs;
    if (intent.kind === 'named') return open.kind === 'named' && open.name === intent.name;
    return false;
  }
}
