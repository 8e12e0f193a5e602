// A table asks for help: "Call the facilitator" for anyone seated at a table, and for the
// facilitator one chip per table waiting, oldest first, which opens that table and clears the
// call. The relay keeps the calls (control state), so a reload or a late joiner sees them too.
import { useWorkshop, useActions } from '../store/context';
import { seatedAt } from '../../../shared/doc';

const NO_CALLS: never[] = [];

/** For someone seated at a table: call the facilitator over (once; the button says so). */
export function CallFacilitatorButton() {
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const canEdit = useWorkshop((s) => s.status.role === 'participant');
  const myTable = useWorkshop((s) => seatedAt(s.snapshot.seats, s.snapshot.tables, s.session.options.profile));
  const calling = useWorkshop((s) => !!myTable && (s.control?.calls ?? NO_CALLS).some((c) => c.tableId === myTable));
  const actions = useActions();
  if (isFacilitator || !canEdit || !myTable) return null;
  return (
    <button
      type="button"
      className={`btn btn-sm${calling ? ' btn-calling' : ''}`}
      aria-pressed={calling}
      disabled={calling}
      onClick={() => actions.control({ type: 'table.call', tableId: myTable })}
    >
      {calling ? 'Facilitator called' : 'Call the facilitator'}
    </button>
  );
}

/** For the facilitator: the tables calling, each opened (and its call cleared) with one press. */
export function TableCallChips() {
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const calls = useWorkshop((s) => s.control?.calls ?? NO_CALLS);
  const tables = useWorkshop((s) => s.snapshot.tables);
  const actions = useActions();
  if (!isFacilitator || calls.length === 0) return null;
  return (
    <span className="table-calls" role="group" aria-label="Tables calling">
      {calls.map((c) => {
        const name = tables.get(c.tableId)?.name ?? 'A table';
        return (
          <button
            key={c.tableId}
            type="button"
            className="btn btn-sm btn-call"
            title={c.by ? `Called by ${c.by}` : undefined}
            onClick={() => {
              actions.viewTable(c.tableId);
              actions.control({ type: 'table.answer', tableId: c.tableId });
            }}
          >
            Table {name} is calling · Open
          </button>
        );
      })}
    </span>
  );
}
