// A modal dialog on the native <dialog> element: focus is trapped and Escape closes it. On
// opening, focus goes to the first field (so typing starts at once), not to the Close button; on
// closing, it returns to whatever opened the dialog.
import { useEffect, useId, useRef, type ReactNode } from 'react';

const FIELD = 'input:not([type="hidden"]):not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled]):not([readonly])';
const FOCUSABLE =
  'button:not([disabled]), [href], input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Where focus goes when a dialog opens: an explicit autofocus, the first field, the first control. */
export function initialFocusTarget(dialog: HTMLElement): HTMLElement | null {
  const body = dialog.querySelector<HTMLElement>('.dialog-body');
  return (
    dialog.querySelector<HTMLElement>('[autofocus], [data-autofocus]') ??
    body?.querySelector<HTMLElement>(FIELD) ??
    body?.querySelector<HTMLElement>(FOCUSABLE) ??
    dialog.querySelector<HTMLElement>(FOCUSABLE)
  );
}

export function Dialog({ title, onClose, children, wide = false }: { title: string; onClose?: () => void; children: ReactNode; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    if (d) initialFocusTarget(d)?.focus();
    return () => {
      d?.close();
      // Back to what opened the dialog, if it is still there (a deleted row's button is not).
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog ${wide ? 'dialog-wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose?.();
      }}
    >
      {/* Not a <header>: a dialog opened from inside the top bar would put a banner inside a banner. */}
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        {onClose && (
          <button className="btn btn-ghost icon-btn" aria-label="Close" onClick={onClose}>
            ×
          </button>
        )}
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
