// The value of a textarea bound to a Y.Text: other people's typing arrives as they type, without
// moving this person's caret; this person's own changes are written by the caller (through the
// store's actions, so undo steps stay theirs).
import { useEffect, useState, type RefObject } from 'react';
import type * as Y from 'yjs';
import { shiftOffset } from './text-binding';

export function useSharedText(
  text: Y.Text,
  field: RefObject<HTMLTextAreaElement | null>,
  localOrigin: object,
): [value: string, setValue: (value: string) => void] {
  const [value, setValue] = useState(() => text.toString());
  useEffect(() => {
    setValue(text.toString());
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      const el = field.current;
      const next = text.toString();
      if (tr.origin === localOrigin || !el || document.activeElement !== el) {
        setValue(next);
        return;
      }
      const delta = event.delta as { retain?: number; insert?: unknown; delete?: number }[];
      const start = shiftOffset(el.selectionStart, delta);
      const end = shiftOffset(el.selectionEnd, delta);
      // Update the field and the caret together, synchronously: if the caret were restored a
      // frame later, a key pressed in between would land wherever the browser left it.
      el.value = next;
      el.setSelectionRange(start, end);
      setValue(next);
    };
    text.observe(onChange);
    return () => text.unobserve(onChange);
  }, [text, field, localOrigin]);
  return [value, setValue];
}
