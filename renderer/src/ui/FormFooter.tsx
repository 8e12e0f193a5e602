// The end of a form: its error (if any) as an alert, then Cancel beside the form's own action.
// `compact` is for forms inside a panel (smaller buttons and text); `busy` disables the action
// while it runs, and `actionsClassName` lets a layout place the buttons its own way.
export function FormFooter({
  error,
  submitLabel,
  onCancel,
  busy = false,
  compact = false,
  errorId,
  actionsClassName = 'row end gap',
}: {
  error: string | null;
  submitLabel: string;
  onCancel: () => void;
  busy?: boolean;
  compact?: boolean;
  errorId?: string;
  actionsClassName?: string;
}) {
  const size = compact ? ' btn-sm' : '';
  return (
    <>
      {error && (
        <p id={errorId} className={compact ? 'error small' : 'error'} role="alert">
          {error}
        </p>
      )}
      <div className={actionsClassName}>
        <button type="button" className={`btn${size}`} onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={`btn${size} btn-primary`} disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </>
  );
}
