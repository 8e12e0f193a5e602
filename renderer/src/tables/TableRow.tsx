// One table in the Tables overview: its name and brief (the facilitator edits both), its people
// (the facilitator places each with a select, or drags them to another table), organisation types, small board and warnings, and
// the facilitator's actions on it: bring its work into the room's plan, lock it, bring its people
// to the facilitator's view, remove it.
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useActions, useWorkshop } from '../store/context';
import { typesAt, type Brought, type TableView, type CardView, type PlanItemView } from '../../../shared/doc';
import { plural } from '../../../shared/wording';
import type { TablePerson } from './table-people';
import { TableSelect } from './TableSelect';
import { TableMiniBoard } from './TableMiniBoard';
import { startSeatDrag, carriesSeat, droppedSitter } from './seat-drag';

export function TableRow(props: {
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
  const [dropping, setDropping] = useState(false);
  // The facilitator drops a person dragged from another table here.
  const dropTarget = props.isFacilitator
    ? {
        onDragOver: (e: DragEvent) => {
          if (!carriesSeat(e)) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'move';
          setDropping(true);
        },
        onDragLeave: (e: DragEvent) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDropping(false);
        },
        onDrop: (e: DragEvent) => {
          setDropping(false);
          const who = droppedSitter(e);
          if (!who) return;
          e.preventDefault();
          actions.sit([{ who, tableId: props.id }]);
          props.onSaid(`${who.name} is at table ${props.name}.`);
        },
      }
    : {};
  return (
    <li className={`table-row${props.shown ? ' shown' : ''}${dropping ? ' dropping' : ''}`} aria-label={`Table ${props.name}`} {...dropTarget}>
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
export function PlaceSelect({ person, tables, current }: { person: TablePerson; tables: readonly TableView[]; current: string }) {
  const actions = useActions();
  const id = useId();
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (focusAfterMove !== person.seatId) return;
    focusAfterMove = null;
    select.current?.focus();
  });
  return (
    <span className="place-person" draggable title="Drag to another table, or choose one" onDragStart={(e) => startSeatDrag(e, person)}>
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
