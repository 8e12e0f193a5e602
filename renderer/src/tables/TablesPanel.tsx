// Table groups: the facilitator sets up tables with briefs, mixes the agencies across them and
// places people, and sees each table's people, organisation types and work; a participant sees
// the tables and their briefs and can sit at one. Each table's "Show" puts its space on the
// board. Everything here is native form controls, so it all works by keyboard.
import { useId, useMemo, useState } from 'react';
import { useActions, useWorkshop } from '../store/context';
import { mixAgencies, orderedTables, seatedAt, type Sitter, type CardView, type PlanItemView } from '../../../shared/doc';
import { plural } from '../../../shared/wording';
import { peopleByTable } from './table-people';
import { TableSelect } from './TableSelect';
import { TableRow, PlaceSelect } from './TableRow';
import { WorkshopTimer } from '../facilitation/WorkshopTimer';

const NONE: readonly string[] = [];
const NO_CARDS: readonly CardView[] = [];
const NO_ITEMS: readonly PlanItemView[] = [];

/** Entries by the table they are at. */
function groupByTable<T extends { tableId: string }>(entries: Iterable<T>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const e of entries) {
    if (!e.tableId) continue;
    const list = out.get(e.tableId);
    if (list) list.push(e);
    else out.set(e.tableId, [e]);
  }
  return out;
}

export function TablesPanel() {
  const tables = useWorkshop((s) => s.snapshot.tables);
  const seats = useWorkshop((s) => s.snapshot.seats);
  const cards = useWorkshop((s) => s.snapshot.cards);
  const items = useWorkshop((s) => s.snapshot.items);
  const participants = useWorkshop((s) => s.participants);
  const tableView = useWorkshop((s) => s.tableView);
  const profile = useWorkshop((s) => s.session.options.profile);
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const canEdit = useWorkshop((s) => s.canEdit);
  const lockedTables = useWorkshop((s) => s.control?.lockedTables ?? NONE);
  const selfSeating = useWorkshop((s) => s.control?.selfSeating ?? true);
  const actions = useActions();
  const [name, setName] = useState('');
  const [said, setSaid] = useState('');
  const nameId = useId();
  const ownId = useId();

  const ordered = useMemo(() => orderedTables(tables), [tables]);
  const cardsAt = useMemo(() => groupByTable(cards.values()), [cards]);
  const itemsAt = useMemo(() => groupByTable(items.values()), [items]);
  const { byTable, unseated } = useMemo(() => peopleByTable(participants, seats), [participants, seats]);
  const mySeat = seatedAt(seats, tables, profile) ?? '';
  const me: Sitter = profile;

  const mix = () => {
    const people = [...byTable.values(), unseated].flat();
    const { tables: mixed } = mixAgencies(people, ordered.length);
    actions.sit(mixed.flatMap((group, i) => group.map((p) => ({ who: p, tableId: ordered[i]!.id }))));
    setSaid(`Mixed ${plural(people.length, 'person', 'people')} over ${plural(ordered.length, 'table')}.`);
  };

  return (
    <section className="tables" aria-label="Tables">
      {/* The tables run on one clock: it stays in view while the overview covers the strip. */}
      {ordered.length > 0 && (
        <div className="tables-clock">
          <WorkshopTimer controls={false} />
        </div>
      )}
      {ordered.length > 0 && (
        <div className="tables-view">
          <span>{tableView ? `The board shows table ${tables.get(tableView)?.name ?? ''}.` : 'The board shows the whole room.'}</span>
          {tableView && (
            <button className="btn btn-sm" onClick={() => actions.viewTable(null)}>
              Show the whole room
            </button>
          )}
        </div>
      )}

      {!isFacilitator && ordered.length > 0 && canEdit && selfSeating && (
        <label className="field" htmlFor={ownId}>
          <span>Your table</span>
          <TableSelect id={ownId} tables={ordered} value={mySeat} none="Not at a table" onChange={(tableId) => actions.sit([{ who: me, tableId }])} />
        </label>
      )}

      {isFacilitator && (
        <>
          <form
            className="row-form"
            onSubmit={(e) => {
              e.preventDefault();
              const trimmed = name.trim();
              if (!trimmed) return setSaid('Give the table a name (or a number).');
              actions.addTable(trimmed.slice(0, 60));
              setName('');
              setSaid(`Table ${trimmed} added.`);
            }}
          >
            <label htmlFor={nameId} className="visually-hidden">
              New table
            </label>
            <input id={nameId} value={name} maxLength={60} placeholder={`Table ${ordered.length + 1}, or a place`} onChange={(e) => setName(e.target.value)} />
            <button className="btn btn-sm" type="submit">
              Add table
            </button>
          </form>
          <button className="btn btn-sm" disabled={ordered.length < 2} onClick={mix}>
            Mix the agencies
          </button>
          <label className="check">
            <input type="checkbox" checked={selfSeating} onChange={(e) => actions.control({ type: 'tables.selfSeating', allowed: e.target.checked })} />
            People choose their own table
          </label>
          {ordered.length < 2 && <p className="small muted">Add at least two tables to mix the room across them.</p>}
        </>
      )}
      <p className="small muted" role="status">
        {said}
      </p>

      {ordered.length === 0 && (
        <p className="small muted">No tables yet: the whole room works on one board.{isFacilitator ? ' Add tables to work in groups.' : ''}</p>
      )}
      <ul className="table-list">
        {ordered.map((t) => (
          <TableRow
            key={t.id}
            id={t.id}
            name={t.name}
            brief={t.brief}
            people={byTable.get(t.id) ?? []}
            cards={cardsAt.get(t.id) ?? NO_CARDS}
            items={itemsAt.get(t.id) ?? NO_ITEMS}
            shown={tableView === t.id}
            locked={lockedTables.includes(t.id)}
            isFacilitator={isFacilitator}
            tables={ordered}
            onSaid={setSaid}
          />
        ))}
      </ul>

      {isFacilitator && unseated.length > 0 && ordered.length > 0 && (
        <div className="unseated">
          <h3 className="panel-subtitle">Not at a table</h3>
          <ul>
            {unseated.map((p) => (
              <li key={p.seatId}>
                <PlaceSelect person={p} tables={ordered} current="" />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
