// A textarea bound to a Y.Text: typing becomes minimal inserts/deletes (written by the store's
// actions, one undo step per stretch of typing), and other people's typing arrives without
// moving your caret.
import { useRef, useId } from 'react';
import type * as Y from 'yjs';
import type { ItemTextField } from '../../../shared/doc/layout';
import { useSharedText } from '../collab/use-shared-text';
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
  const ref = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useSharedText(text, ref, session.localOrigin);
  const id = useId();

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
