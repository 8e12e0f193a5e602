// The end of a follow-up form: the error (if any) and Cancel beside the form's own action.
export function FormFooter({ error, submitLabel, onCancel }: { error: string | null; submitLabel: string; onCancel: () => void }) {
  return (
    <>
      {error && (
        <p className="error small" role="alert">
          {error}
        </p>
      )}
      <div className="row end gap">
        <button type="button" className="btn btn-sm" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn btn-sm btn-primary">
          {submitLabel}
        </button>
      </div>
    </>
  );
}
