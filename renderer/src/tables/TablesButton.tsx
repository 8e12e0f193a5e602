// "Tables" in the board's bar, named for the table the board shows: opens the tables (set-up,
// mixing and placing for the facilitator; the tables, their briefs and one's own seat for
// everyone else), where each table's space, or the whole room, is put on the board.
import { useState } from 'react';
import { Dialog } from '../ui/Dialog';
import { useWorkshop } from '../store/context';
import { TablesPanel } from './TablesPanel';
import { seatedAt } from '../../../shared/doc';

export function TablesButton() {
  const [open, setOpen] = useState(false);
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const hasTables = useWorkshop((s) => s.snapshot.tables.size > 0);
  const shown = useWorkshop((s) => (s.tableView ? (s.snapshot.tables.get(s.tableView)?.name ?? null) : null));
  // Someone not yet at a table, who may choose one, is asked to.
  const mayChoose = useWorkshop(
    (s) =>
      s.status.role === 'participant' &&
      s.canEdit &&
      (s.control?.selfSeating ?? true) &&
      s.snapshot.tables.size > 0 &&
      seatedAt(s.snapshot.seats, s.snapshot.tables, s.session.options.profile) === null,
  );
  // Before the facilitator sets tables up there is nothing here for anyone else.
  if (!isFacilitator && !hasTables) return null;
  return (
    <>
      {/* The button says whose space the board shows: one control, where the bar has little room. */}
      <button
        type="button"
        className={`btn btn-sm${shown ? ' table-shown' : ''}${mayChoose ? ' btn-primary' : ''}`}
        aria-haspopup="dialog"
        aria-label={shown ? `Tables (the board shows table ${shown})` : mayChoose ? 'Tables: choose your table' : 'Tables'}
        onClick={() => setOpen(true)}
      >
        {shown ? `Table ${shown}` : mayChoose ? 'Choose your table' : 'Tables'}
      </button>
      {open && (
        <Dialog title="Tables" onClose={() => setOpen(false)} wide>
          <TablesPanel />
        </Dialog>
      )}
    </>
  );
}
