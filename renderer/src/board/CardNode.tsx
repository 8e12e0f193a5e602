import { memo, useEffect, useRef, useState } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { CardNode as CardNodeType } from './node-types';
import { useWorkshopStore } from '../store/context';
import { LensIcon } from './lens-style';
import { lensName } from './describe';
import { VoteChip } from './VoteChip';
import { useCardTextLimit } from '../lib/card-text-limit';

/** A Start Anywhere card. Enter or double-click edits its text in place. */
export const CardNode = memo(function CardNode({ id, data, selected }: NodeProps<CardNodeType>) {
  const { card, watchers, linked, canEdit, editing } = data;
  // Read the store only when asked: a subscription per card would be thousands of selector
  // calls on every presence update.
  const store = useWorkshopStore();
  const votes = card.votes?.dots ?? 0;
  return (
    <div
      className={`card lens-${card.kind}${selected ? ' is-selected' : ''}${editing ? ' is-editing' : ''}`}
      onDoubleClick={() => canEdit && !editing && store.getState().actions.setEditing(id)}
    >
      <Handle type="target" position={Position.Left} className="link-handle" aria-hidden="true" />
      <div className="card-kind" aria-hidden="true">
        <LensIcon lens={card.kind} size={15} />
        <span className="card-kind-name">{lensName(card.kind)}</span>
        {watchers.length > 0 && (
          <span className="watchers">
            {watchers.map((c, i) => (
              <span key={`${c}${i}`} className="watcher-dot" style={{ background: c }} />
            ))}
          </span>
        )}
      </div>
      {editing ? (
        <CardEditor id={id} initial={card.text} />
      ) : (
        <p className={`card-text${card.text ? '' : ' placeholder'}`} aria-hidden="true">
          {card.text || 'Empty card'}
        </p>
      )}
      {/* has-votes, not a :has() selector: :has() makes every change inside any card re-check the board's rules */}
      <div className={`card-foot${votes > 0 ? ' has-votes' : ''}`} aria-hidden="true">
        <span className="card-author">{card.author || 'Unknown'}</span>
        {votes > 0 && <VoteChip dots={votes} />}
        {card.tags.length > 0 && (
          <span className="chip chip-sm">
            {card.tags.length} {card.tags.length === 1 ? 'tag' : 'tags'}
          </span>
        )}
        {linked > 0 && (
          <span className="chip chip-sm">
            {linked} {linked === 1 ? 'link' : 'links'}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} className="link-handle" aria-hidden="true" />
    </div>
  );
});

function CardEditor({ id, initial }: { id: string; initial: string }) {
  const store = useWorkshopStore();
  const [value, setValue] = useState(initial);
  const limit = useCardTextLimit();
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    // React Flow keeps a new node hidden until it has measured it, and hidden elements cannot
    // take focus, so keep trying for a few frames.
    let frames = 0;
    let handle = 0;
    const tryFocus = () => {
      const el = ref.current;
      if (!el) return;
      el.focus({ preventScroll: true });
      if (document.activeElement === el) el.select();
      else if (frames++ < 60) handle = requestAnimationFrame(tryFocus);
    };
    tryFocus();
    return () => cancelAnimationFrame(handle);
  }, []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    const text = value.trim();
    // A new card and its first words are one step: undo takes the card away, not just its text;
    // and a new card left empty goes away without leaving an empty card behind in the history.
    const { actions } = store.getState();
    if (!initial) {
      if (commit && text) actions.nameNewCard(id, text);
      else actions.discardNewCard(id);
    } else if (commit && text && text !== initial) actions.setCardText(id, text);
    actions.setEditing(null);
    // Give keyboard users their place back on the card they were editing.
    requestAnimationFrame(() =>
      (document.querySelector(`.react-flow__node[data-id="${CSS.escape(id)}"]`) as HTMLElement | null)?.focus({ preventScroll: true }),
    );
  };
  return (
    <>
      <textarea
        ref={ref}
        className="card-editor nodrag nopan nowheel"
        aria-label="Card text"
        aria-description="Enter saves, Shift+Enter starts a new line, Escape cancels"
        value={value}
        rows={3}
        maxLength={limit.maxLength}
        onPaste={limit.pasting}
        onChange={(e) => {
          setValue(e.target.value);
          limit.changed(e.target.value);
        }}
        onBlur={() => finish(true)}
        onDoubleClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            finish(true);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            finish(false);
          }
        }}
      />
      {limit.note && (
        <p className="card-limit" role="status">
          {limit.note}
        </p>
      )}
    </>
  );
}
