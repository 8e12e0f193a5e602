// The smallest edit that turns one text into another, and writing it into a Y.Text, so that a
// field replaced as a whole (a card renamed in the side panel or on a phone) still merges with
// what someone else is typing into it at that moment rather than overwriting it.
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

/** Makes `text` read `next` with the smallest delete and insert; call inside a transaction. */
export function writeText(text: Y.Text, next: string): void {
  const edit = diffText(text.toString(), next);
  if (!edit) return;
  if (edit.remove) text.delete(edit.index, edit.remove);
  if (edit.insert) text.insert(edit.index, edit.insert);
}
