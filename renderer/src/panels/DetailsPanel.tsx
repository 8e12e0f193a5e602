// Details of the selected card or plan item: edit, tag, link, duplicate, delete — everything
// the board offers by mouse, reachable by keyboard.
import { useId, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { frameworkIndex } from '../../../shared/framework';
import { lensIds, type LensId } from '../../../shared/framework/schema';
import type { CardView, PlanItemView } from '../../../shared/doc/layout';
import { useActions, useWorkshop } from '../store/context';
import { nextFreeSlot } from '../store/doc-actions';
import { TagPicker } from './TagPicker';
import { findCardText } from '../../../shared/doc';
import { useSharedText } from '../collab/use-shared-text';

/** Stands in for a card still in an older doc's shape (read-only until the relay migrates it). */
const EMPTY_TEXT = new Y.Text();
import { PlanItemEditor } from '../plan/PlanItemEditor';

export function DetailsPanel() {
  const selection = useWorkshop((s) => s.selection);
  const card = useWorkshop((s) => (s.selection.length === 1 ? s.snapshot.cards.get(s.selection[0]!) : undefined));
  const item = useWorkshop((s) => (s.selection.length === 1 ? s.snapshot.items.get(s.selection[0]!) : undefined));
  if (selection.length > 1) return <p className="muted pad">{selection.length} selected. Press Delete to remove them, or drag them together.</p>;
  if (card) return <CardDetails key={card.id} card={card} />;
  if (item) return <ItemDetails key={item.id} item={item} />;
  return <p className="muted pad">Select a card or an intervention on the board to see and edit its details.</p>;
}

function useCanEdit() {
  return useWorkshop((s) => s.canEdit);
}

/**
 * A card's words, shared as they are typed, as on the board. Leaving the field ends the edit (one
 * undo step); a card cannot be left without words, so an emptied field puts back what it held.
 */
function CardTextField({ id, cardId, shown, disabled }: { id: string; cardId: string; shown: string; disabled: boolean }) {
  const session = useWorkshop((s) => s.session);
  const actions = useActions();
  const text = useMemo(() => findCardText(session.doc, cardId), [session, cardId]);
  const ref = useRef<HTMLTextAreaElement>(null);
  const before = useRef(shown);
  const [value, setValue] = useSharedText(text ?? EMPTY_TEXT, ref, session.localOrigin);
  return (
    <textarea
      id={id}
      ref={ref}
      rows={3}
      value={text ? value : shown}
      disabled={disabled || !text}
      onFocus={() => (before.current = text?.toString() ?? shown)}
      onChange={(e) => {
        setValue(e.target.value);
        actions.typeCardText(cardId, e.target.value, false);
      }}
      onBlur={() => (value.trim() ? actions.endCardText() : actions.cancelCardText(cardId, before.current))}
    />
  );
}

function CardDetails({ card }: { card: CardView }) {
  const actions = useActions();
  const canEdit = useCanEdit();
  const textId = useId();
  const kindId = useId();
  const domainId = useId();
  return (
    <div className="details stack">
      <h3 className="details-title">{frameworkIndex.framework.lenses.find((l) => l.id === card.kind)?.name} card</h3>
      <label htmlFor={textId}>Text</label>
      <CardTextField id={textId} cardId={card.id} shown={card.text} disabled={!canEdit} />
      <div className="field-pair">
        <div className="stack">
          <label htmlFor={kindId}>Lens</label>
          <select id={kindId} value={card.kind} disabled={!canEdit} onChange={(e) => actions.setCardKind(card.id, e.target.value as LensId)}>
            {lensIds.map((k) => (
              <option key={k} value={k}>
                {frameworkIndex.framework.lenses.find((l) => l.id === k)!.name}
              </option>
            ))}
          </select>
        </div>
        <div className="stack">
          <label htmlFor={domainId}>Domain</label>
          <MoveToDomain id={domainId} entryId={card.id} current={card.domainId} kind="card" disabled={!canEdit} />
        </div>
      </div>
      <p className="small muted">
        Added by {card.author || 'someone'}
        {card.organisation ? `, ${card.organisation}` : ''}
      </p>
      <TagPicker entryId={card.id} domainId={card.domainId} tags={card.tags} disabled={!canEdit} />
      <Links entryId={card.id} disabled={!canEdit} />
      <div className="row gap">
        <button
          type="button"
          className="btn"
          disabled={!canEdit}
          onClick={() => {
            const copy = actions.duplicate(card.id);
            if (copy) actions.focus(copy, 'reveal');
          }}
        >
          Duplicate card
        </button>
        <button type="button" className="btn btn-danger" disabled={!canEdit} onClick={() => actions.remove([card.id])}>
          Delete card
        </button>
      </div>
    </div>
  );
}

function ItemDetails({ item }: { item: PlanItemView }) {
  const actions = useActions();
  const canEdit = useCanEdit();
  const domainId = useId();
  const home = item.interventionId ? frameworkIndex.interventionById.get(item.interventionId)?.domain : undefined;
  return (
    <div className="details stack">
      <h3 className="details-title">{item.title}</h3>
      <p className="small muted">{item.interventionId ? 'Intervention from the framework menu' : 'Custom intervention'}</p>
      {home && home.id !== item.domainId && (
        <p className="note small" role="note">
          Placed outside its framework domain: the framework lists this intervention under {home.name}.
        </p>
      )}
      <label htmlFor={domainId}>Domain</label>
      <MoveToDomain id={domainId} entryId={item.id} current={item.domainId} kind="item" disabled={!canEdit} />
      <PlanItemEditor item={item} />
      <TagPicker entryId={item.id} domainId={item.domainId} tags={item.tags} disabled={!canEdit} />
      <Links entryId={item.id} disabled={!canEdit} />
      <button type="button" className="btn btn-danger" disabled={!canEdit} onClick={() => actions.remove([item.id])}>
        Remove from plan
      </button>
    </div>
  );
}

function MoveToDomain({ id, entryId, current, kind, disabled }: { id: string; entryId: string; current: string; kind: 'card' | 'item'; disabled: boolean }) {
  const actions = useActions();
  const snapshot = useWorkshop((s) => s.snapshot);
  return (
    <select
      id={id}
      value={current}
      disabled={disabled}
      onChange={(e) => {
        const target = e.target.value;
        actions.move(entryId, nextFreeSlot(snapshot, target, kind, entryId), target);
        actions.focus(entryId);
      }}
    >
      {frameworkIndex.framework.domains.map((d) => (
        <option key={d.id} value={d.id}>
          {d.name}
        </option>
      ))}
    </select>
  );
}

function Links({ entryId, disabled }: { entryId: string; disabled: boolean }) {
  const actions = useActions();
  const snapshot = useWorkshop((s) => s.snapshot);
  const [target, setTarget] = useState('');
  const selectId = useId();
  const headingId = useId();
  const labelOf = (id: string) => snapshot.cards.get(id)?.text || snapshot.items.get(id)?.title || 'Removed entry';
  const mine = [...snapshot.links.values()].filter((l) => l.from === entryId || l.to === entryId);
  const linkedIds = new Set(mine.map((l) => (l.from === entryId ? l.to : l.from)));
  const candidates = [
    ...[...snapshot.cards.values()].map((c) => ({ id: c.id, label: c.text || 'Empty card' })),
    ...[...snapshot.items.values()].map((i) => ({ id: i.id, label: `Intervention: ${i.title}` })),
  ].filter((c) => c.id !== entryId && !linkedIds.has(c.id));
  return (
    <div className="links stack">
      <h4 id={headingId}>Linked to</h4>
      {mine.length === 0 ? (
        <p className="small muted">Nothing yet. Drag from the dot on a card's right edge to another card, or choose below.</p>
      ) : (
        <ul className="link-list" aria-labelledby={headingId}>
          {mine.map((l) => {
            const other = l.from === entryId ? l.to : l.from;
            return (
              <li key={l.id}>
                <button className="link-btn" onClick={() => actions.focus(other)}>
                  {labelOf(other)}
                </button>
                <button className="btn btn-ghost btn-sm" disabled={disabled} aria-label={`Unlink ${labelOf(other)}`} onClick={() => actions.unlink(l.id)}>
                  Unlink
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="row gap">
        <label htmlFor={selectId} className="visually-hidden">
          Link to
        </label>
        <select id={selectId} value={target} onChange={(e) => setTarget(e.target.value)} disabled={disabled} className="grow">
          <option value="">Link to…</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button
          className="btn btn-sm"
          disabled={disabled || !target}
          onClick={() => {
            actions.link(entryId, target);
            setTarget('');
          }}
        >
          Add link
        </button>
      </div>
    </div>
  );
}
