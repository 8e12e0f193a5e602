// A textarea bound to a Y.Text: typing becomes minimal inserts/deletes (written by the store's
// actions, one undo step per stretch of typing), and other people's typing arrives without
// moving your caret.
import { useEffect, useRef, useState, useId } from 'react';
import type * as Y from 'yjs';
import type { ItemTextField } from '../../../shared/doc/layout';
import { shiftOffset } from '../collab/text-binding';
import { useActions, useWorkshop } from '../store/context';

export interface SharedTextField {
  /** the plan item */
  id: string;
  field: ItemTextField;
  text: Y.Text;
}

export function SharedTextArea({
  field,
  label,
  hint,
  rows = 3,
  disabled,
}: {
  field: SharedTextField;
  label: string;
  hint?: string;
  rows?: number;
  disabled?: boolean;
}) {
  const { text } = field;
  const session = useWorkshop((s) => s.session);
  const actions = useActions();
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
          actions.typeItemText(field.id, field.field, e.target.value);
        }}
        onBlur={() => actions.leaveItemField(field.id, field.field)}
      />
    </div>
  );
}
