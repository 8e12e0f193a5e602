// Table groups: the facilitator sets up tables with briefs, mixes the agencies across them and
// places people, and sees each table's people, organisation types and work; a participant sees
// the tables and their briefs and can sit at one. Each table's "Show" puts its space on the
// board. Everything here is native form controls, so it all works by keyboard.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useActions, useWorkshop } from '../store/context';
import {
  mixAgencies,
  orderedTables,
  seatedAt,
  typesAt,
  type Brought,
  type Sitter,
  type TableView,
  type CardView,
  type PlanItemView,
} from '../../../shared/doc';
import { plural } from '../../../shared/wording';
import { peopleByTable, type TablePerson } from './table-people';
import { TableSelect } from './TableSelect';
import { TableMiniBoard } from './TableMiniBoard';
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

function TableRow(props: {
  id: string;
  name: string;
  brief: string;
  people: TablePerson[];
  cards: readonly CardView[];
  items: readonly PlanItemView[];
  shown: boolean;
  locked: boolean;
  isFacilitator: boolean;
  /** every table, in order, to place people at */
  tables: readonly TableView[];
  onSaid(words: string): void;
}) {
  const actions = useActions();
  const viewport = useWorkshop((s) => s.viewport);
  const shownSpace = useWorkshop((s) => s.tableView);
  const ordered = props.tables;
  const types = typesAt(props.people);
  const singleAgency = props.people.length >= 2 && types.length === 1;
  const briefId = useId();
  const nameId = useId();
  return (
    <li className={`table-row${props.shown ? ' shown' : ''}`} aria-label={`Table ${props.name}`}>
      <div className="table-head">
        {props.isFacilitator ? (
          <>
            <label htmlFor={nameId} className="visually-hidden">
              Name of table {props.name}
            </label>
            <input
              id={nameId}
              className="table-name"
              defaultValue={props.name}
              maxLength={60}
              onBlur={(e) => e.target.value.trim() && e.target.value.trim() !== props.name && actions.setTableField(props.id, 'name', e.target.value.trim())}
            />
          </>
        ) : (
          <strong className="table-name">{props.name}</strong>
        )}
        <button className="btn btn-sm btn-ghost" aria-pressed={props.shown} onClick={() => actions.viewTable(props.shown ? null : props.id)}>
          {props.shown ? 'Showing' : 'Show'}
        </button>
      </div>
      {props.isFacilitator ? (
        <>
          <label htmlFor={briefId} className="small muted">
            Brief
          </label>
          <input
            id={briefId}
            defaultValue={props.brief}
            maxLength={300}
            placeholder="A domain, a place, a priority or a question"
            onBlur={(e) => e.target.value.trim() !== props.brief && actions.setTableField(props.id, 'brief', e.target.value.trim())}
          />
        </>
      ) : (
        props.brief && <p className="small">{props.brief}</p>
      )}
      <p className="small muted">
        {plural(props.people.length, 'person', 'people')} · {plural(props.cards.length, 'card')} · {plural(props.items.length, 'intervention')}
        {types.length > 0 && ` · ${types.join(', ')}`}
      </p>
      <TableMiniBoard name={props.name} cards={props.cards} items={props.items} />
      {props.locked && !props.isFacilitator && (
        <p className="small warn" role="note">
          Locked by the facilitator: its cards can be read, not changed.
        </p>
      )}
      {singleAgency && (
        <p className="small warn" role="note">
          Single-agency table: everyone here is {types[0]}. Mix the agencies, or move someone from another organisation type here.
        </p>
      )}
      {props.people.length > 0 && (
        <ul className="table-people">
          {props.people.map((p) => (
            <li key={p.seatId}>{props.isFacilitator ? <PlaceSelect person={p} tables={ordered} current={props.id} /> : <PersonName person={p} />}</li>
          ))}
        </ul>
      )}
      {props.isFacilitator && (
        <div className="table-actions">
          <button
            className="btn btn-sm"
            disabled={props.cards.length + props.items.length === 0}
            onClick={() => {
              const b = actions.bringIntoRoom(props.id);
              if (b) props.onSaid(broughtWords(props.name, b));
            }}
          >
            Bring into the room’s plan
          </button>
          <button
            className={`btn btn-sm${props.locked ? ' btn-warn' : ''}`}
            aria-pressed={props.locked}
            onClick={() => actions.control({ type: 'lock.table', tableId: props.id, locked: !props.locked })}
          >
            {props.locked ? 'Unlock table' : 'Lock table'}
          </button>
          <button
            className="btn btn-sm"
            disabled={!viewport}
            title="Everyone at this table sees what your board shows now"
            onClick={() => {
              if (!viewport) return;
              actions.control({ type: 'summon', viewport, space: shownSpace ?? '', tableId: props.id });
              props.onSaid(`Table ${props.name} has been brought to your view.`);
            }}
          >
            Bring this table here
          </button>
          <button className="btn btn-sm btn-ghost" onClick={() => actions.removeTable(props.id)} aria-label={`Remove table ${props.name}`}>
            Remove table
          </button>
        </div>
      )}
    </li>
  );
}

/** What bringing a table into the room's plan did, in words. */
function broughtWords(table: string, b: Brought): string {
  const joined = b.joined > 0 ? ` (${plural(b.joined, 'joins', 'join')} the same intervention from another table)` : '';
  return `Table ${table}: ${plural(b.items, 'intervention')}${joined} and ${plural(b.cards, 'card')} are in the room’s plan.`;
}

function PersonName({ person }: { person: TablePerson }) {
  return (
    <span>
      {person.name} <span className="small muted">{person.organisation || person.organisationType}</span>
      {!person.here && <span className="small muted"> (away)</span>}
    </span>
  );
}

/**
 * The person whose seat was just changed from their select: moved, they show under another table
 * (a new select), which takes the focus, so someone on a keyboard keeps their place.
 */
let focusAfterMove: string | null = null;

/** A person and the table they sit at, which the facilitator can change from here. */
function PlaceSelect({ person, tables, current }: { person: TablePerson; tables: readonly TableView[]; current: string }) {
  const actions = useActions();
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusAfterMove !== person.seatId) return;
    focusAfterMove = null;
    select.current?.focus();
  });
  return (
    <span className="place-person">
      <label htmlFor={id}>
        <PersonName person={person} />
      </label>
      <TableSelect
        id={id}
        label={`Table for ${person.name}`}
        tables={tables}
        value={current}
        none="No table"
        selectRef={select}
        onChange={(tableId) => {
          focusAfterMove = person.seatId;
          actions.sit([{ who: person, tableId }]);
        }}
      />
    </span>
  );
}
