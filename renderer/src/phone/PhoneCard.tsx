// One card in the phone's list. Its author (and the facilitator) can change its words or
// delete it; deleting asks once, in place, because a tap is easy to make by mistake.
import { useId, useState } from 'react';
import type { CardView } from '../../../shared/doc';
import { useActions, useWorkshop } from '../store/context';
import { plural } from '../lib/text';
import { CardTextEditor } from './CardTextEditor';

export function PhoneCard({ card }: { card: CardView }) {
  const canEdit = useWorkshop((s) => s.canEdit);
  const isFacilitator = useWorkshop((s) => s.status.role === 'facilitator');
  const me = useWorkshop((s) => s.session.options.profile);
  const actions = useActions();
  const [mode, setMode] = useState<'view' | 'edit' | 'delete'>('view');
  const textId = useId();
  const mine = card.author === me.name && card.organisation === me.organisation;
  const mayChange = canEdit && (mine || isFacilitator);
  const label = card.text || 'Empty card';

  const stopEditing = () => {
    setMode('view');
    actions.setEditing(null);
  };

  return (
    <li className="phone-card">
      {mode === 'edit' ? (
        <CardTextEditor
          label="Change the card's words"
          initial={card.text}
          saveLabel="Save"
          onSave={(text) => {
            if (text !== card.text) actions.setCardText(card.id, text);
            stopEditing();
            return null;
          }}
          onCancel={stopEditing}
        />
      ) : (
        <p id={textId} className={`phone-card-text${card.text ? '' : ' muted'}`}>
          {label}
        </p>
      )}
      <p className="phone-card-meta small muted">
        {mine ? 'You' : card.author || 'Someone'}
        {card.organisation && !mine ? ` · ${card.organisation}` : ''}
        {card.votes ? ` · ${plural(card.votes.dots, 'dot')}` : ''}
      </p>
      {mayChange && mode === 'view' && (
        <div className="phone-card-actions">
          <button
            className="btn"
            aria-describedby={textId}
            onClick={() => {
              setMode('edit');
              actions.setEditing(card.id);
            }}
          >
            Edit
          </button>
          <button className="btn btn-danger" aria-describedby={textId} onClick={() => setMode('delete')}>
            Delete
          </button>
        </div>
      )}
      {mayChange && mode === 'delete' && (
        <div className="phone-card-actions" role="group" aria-label="Delete this card?">
          <span className="grow">Delete this card?</span>
          <button className="btn" onClick={() => setMode('view')}>
            Keep
          </button>
          <button
            className="btn btn-danger"
            onClick={(e) => {
              const next = focusTargetAfter(e.currentTarget.closest('li'));
              actions.remove([card.id]);
              requestAnimationFrame(() => next?.focus());
            }}
          >
            Delete card
          </button>
        </div>
      )}
    </li>
  );
}

/**
 * Where focus goes once this card's row is gone, so it does not fall to the top of the page:
 * the next card's words, else the previous card's, else the domain's heading.
 */
function focusTargetAfter(row: HTMLElement | null): HTMLElement | null {
  const neighbour = (row?.nextElementSibling ?? row?.previousElementSibling)?.querySelector<HTMLElement>('.phone-card-text');
  const target = neighbour ?? row?.closest('.phone-domain')?.querySelector<HTMLElement>('h2') ?? null;
  // Words and headings are not in the tab order; they take focus from here only.
  if (target && !target.hasAttribute('tabindex')) target.tabIndex = -1;
  return target;
}
