// The presenter's own notes for each step of the presentation, kept on this device only (they
// are for the person presenting, never for the room, so they never go into the workshop).
import { useEffect, useState } from 'react';
import { useWorkshop } from '../store/context';

export function PresenterNotes({ step }: { step: number }) {
  const workshopId = useWorkshop((s) => s.session.options.workshopId);
  const key = `slc.notes.${workshopId}.${step}`;
  const [notes, setNotes] = useState(() => localStorage.getItem(key) ?? '');
  useEffect(() => setNotes(localStorage.getItem(key) ?? ''), [key]);
  return (
    <aside className="presenter-notes">
      <label htmlFor="presenter-notes">Presenter notes for this step (kept on this device; the room never sees them)</label>
      <textarea
        id="presenter-notes"
        rows={3}
        value={notes}
        onChange={(e) => {
          setNotes(e.target.value);
          localStorage.setItem(key, e.target.value);
        }}
        onKeyDown={(e) => e.stopPropagation()}
      />
    </aside>
  );
}
