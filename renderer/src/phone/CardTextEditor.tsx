// Writing a card's words on a phone: Enter (or the button) saves, Escape or Cancel leaves
// without a change. Empty text is refused with a reason, and the words typed are never thrown
// away by a refusal.
import { useEffect, useId, useRef, useState } from 'react';
import { FormFooter } from '../ui/FormFooter';
import { useCardTextLimit } from '../lib/card-text-limit';

export function CardTextEditor({
  label,
  hint,
  initial,
  saveLabel,
  onSave,
  onCancel,
}: {
  label: string;
  hint?: string;
  initial: string;
  saveLabel: string;
  /** returns an error to show, or null when saved */
  onSave: (text: string) => string | null;
  onCancel: () => void;
}) {
  const [text, setText] = useState(initial);
  const limit = useCardTextLimit();
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  const labelId = useId();
  const hintId = useId();
  const errorId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);

  const save = () => {
    const trimmed = text.trim();
    if (!trimmed) {
      setError('Write a few words first.');
      ref.current?.focus();
      return;
    }
    const problem = onSave(trimmed);
    if (problem) setError(problem);
  };

  return (
    <form
      className="phone-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p id={labelId} className="phone-editor-label">
        {label}
      </p>
      {hint && (
        <p id={hintId} className="small muted">
          {hint}
        </p>
      )}
      <textarea
        ref={ref}
        aria-label="Card text"
        aria-describedby={[labelId, hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        rows={3}
        maxLength={limit.maxLength}
        value={text}
        enterKeyHint="done"
        onPaste={limit.pasting}
        onChange={(e) => {
          setText(e.target.value);
          limit.changed(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      {limit.note && (
        <p className="small muted" role="status">
          {limit.note}
        </p>
      )}
      <FormFooter error={error} errorId={errorId} onCancel={onCancel} submitLabel={saveLabel} actionsClassName="phone-editor-actions" />
    </form>
  );
}
