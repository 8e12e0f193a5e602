// Binds a plain text field to a Y.Text so two people typing in one field merge character by
// character instead of one overwriting the other. No React: a hook wraps this.
import type * as Y from 'yjs';

export interface TextEdit {
  index: number;
  remove: number;
  insert: string;
}

/** The single replace that turns `before` into `after` (common prefix and suffix kept). */
export function diffText(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) };
}

/** Applies what the user typed (the field's new value) to the shared text, as one change. */
export function applyLocalText(text: Y.Text, next: string, origin: unknown): void {
  const edit = diffText(text.toString(), next);
  if (!edit) return;
  text.doc!.transact(() => {
    if (edit.remove) text.delete(edit.index, edit.remove);
    if (edit.insert) text.insert(edit.index, edit.insert);
  }, origin);
}

/**
 * Where a caret at `offset` should move to after a remote change described by `delta`,
 * so someone else's typing earlier in the field does not push your caret around.
 */
export function shiftOffset(offset: number, delta: readonly { retain?: number; insert?: unknown; delete?: number }[]): number {
  let pos = 0;
  let result = offset;
  for (const op of delta) {
    if (pos > offset) break;
    if (op.retain) pos += op.retain;
    else if (typeof op.insert === 'string') {
      if (pos <= offset) result += op.insert.length;
      pos += op.insert.length;
    } else if (op.delete) {
      if (pos < offset) result -= Math.min(op.delete, offset - pos);
    }
  }
  return Math.max(0, result);
}
