// A textarea bound to a Y.Text: typing becomes minimal inserts/deletes, and other people's
// typing arrives without moving your caret.
import { useEffect, useRef, useState, useId } from 'react';
import type * as Y from 'yjs';
import { applyLocalText, shiftOffset } from '../collab/text-binding';
import { useWorkshop } from '../store/context';

export function SharedTextArea({ text, label, hint, rows = 3, disabled }: { text: Y.Text; label: string; hint?: string; rows?: number; disabled?: boolean }) {
  const session = useWorkshop((s) => s.session);
  const [value, setValue] = useState(() => text.toString());
  const ref = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    setValue(text.toString());
    const onChange = (event: Y.YTextEvent, tr: Y.Transaction) => {
      const el = ref.current;
      const next = text.toString();
      if (tr.origin === session.localOrigin || !el || document.activeElement !== el) {
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
  }, [text, session]);

  return (
    <div className="stack">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={ref}
        rows={rows}
        value={value}
        disabled={disabled}
        placeholder={hint}
        onChange={(e) => {
          setValue(e.target.value);
          session.change((_doc, origin) => applyLocalText(text, e.target.value, origin));
        }}
      />
    </div>
  );
}
