// Binds a plain text field to a Y.Text so two people typing in one field merge character by
// character instead of one overwriting the other. No React: a hook wraps this.
import type * as Y from 'yjs';
import { writeText } from '../../../shared/doc/text-edit';

/** Applies what the user typed (the field's new value) to the shared text, as one change. */
export function applyLocalText(text: Y.Text, next: string, origin: unknown): void {
  if (text.toString() === next) return;
  text.doc!.transact(() => writeText(text, next), origin);
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
