// "Your table" on a phone: the table someone sits at, its brief and who else is at it, the call
// for the facilitator, and which space the cards below show (their table's first; the room's
// or another table's one choice away). Nothing here before the facilitator sets tables up.
import { useId, useMemo } from 'react';
import { orderedTables, seatedAt } from '../../../shared/doc';
import { useActions, useWorkshop } from '../store/context';
import { CallFacilitatorButton } from '../tables/TableCalls';
import { TableSelect } from '../tables/TableSelect';
import { peopleByTable } from '../tables/table-people';

export function PhoneTable() {
  const tables = useWorkshop((s) => s.snapshot.tables);
  const seats = useWorkshop((s) => s.snapshot.seats);
  const participants = useWorkshop((s) => s.participants);
  const profile = useWorkshop((s) => s.session.options.profile);
  const tableView = useWorkshop((s) => s.tableView);
  const canSit = useWorkshop((s) => s.canEdit && s.status.role === 'participant' && (s.control?.selfSeating ?? true));
  const lockedTables = useWorkshop((s) => s.control?.lockedTables);
  const actions = useActions();
  const titleId = useId();
  const seatId = useId();
  const showId = useId();
  const ordered = useMemo(() => orderedTables(tables), [tables]);
  const mine = seatedAt(seats, tables, profile);
  const others = useMemo(() => {
    if (!mine) return [];
    const here = peopleByTable(participants, seats).byTable.get(mine) ?? [];
    return here.filter((p) => p.name !== profile.name || p.organisation !== profile.organisation);
  }, [mine, participants, seats, profile]);
  if (ordered.length === 0) return null;
  const table = mine ? tables.get(mine) : undefined;

  return (
    <section className="phone-table" aria-labelledby={titleId}>
      <h2 id={titleId} className="phone-section-title">
        {table ? `Your table: ${table.name}` : 'Your table'}
      </h2>
      {table ? (
        <>
          {table.brief && <p className="phone-table-brief">{table.brief}</p>}
          <p className="small muted">
            {others.length
              ? `With ${others.map((p) => `${p.name}${p.organisation ? ` (${p.organisation})` : ''}`).join(', ')}`
              : 'Nobody else is at this table yet.'}
          </p>
          {mine && lockedTables?.includes(mine) && (
            <p className="small warn" role="note">
              The facilitator has locked your table: you can read its cards but not change them.
            </p>
          )}
          <CallFacilitatorButton />
        </>
      ) : (
        <p className="small muted">
          You are not at a table yet.{canSit ? ' Choose one, or wait for the facilitator to place you.' : ' The facilitator will place you.'}
        </p>
      )}
      {canSit && (
        <label className="phone-field" htmlFor={seatId}>
          <span>Sit at</span>
          <TableSelect id={seatId} tables={ordered} value={mine ?? ''} none="No table" onChange={(tableId) => actions.sit([{ who: profile, tableId }])} />
        </label>
      )}
      <label className="phone-field" htmlFor={showId}>
        <span>Cards shown</span>
        <select id={showId} value={tableView ?? ''} onChange={(e) => actions.viewTable(e.target.value || null)}>
          <option value="">The whole room</option>
          {ordered.map((t) => (
            <option key={t.id} value={t.id}>
              {t.id === mine ? `Your table (${t.name})` : `Table ${t.name}`}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
