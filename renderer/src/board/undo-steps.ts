// How user actions map onto undo steps. The session's UndoManager groups changes made within
// its capture timeout; the workspace splits every action into its own step instead, and this
// joins the one pair that belongs together: adding a card and typing its first text.
import type * as Y from 'yjs';

/** Makes the next local change part of the last undo step (Y.UndoManager merges by time). */
export function joinNextChangeToLastStep(undo: Y.UndoManager): void {
  if (undo.undoStack.length > 0) undo.lastChange = Date.now();
}
