import { memo, useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { CardNode as CardNodeType } from './node-types';
import { useWorkshop, useWorkshopStore } from '../store/context';
import { findCardText } from '../../../shared/doc';
import type * as Y from 'yjs';
import { useSharedText } from '../collab/use-shared-text';
import { LensIcon } from './lens-style';
import { lensName } from './describe';
import { VoteChip } from './VoteChip';
import { useCardTextLimit } from '../lib/card-text-limit';

/** A Start Anywhere card. Enter or double-click edits its text in place. */
export const CardNode = memo(function CardNode({ id, data, selected }: NodeProps<CardNodeType>) {
  const { card, watchers, typist, linked, canEdit, editing } = data;
  // Read the store only when asked: a subscription per card would be thousands of selector
  // calls on every presence update.
  const store = useWorkshopStore();
  const votes = card.votes?.dots ?? 0;
  // Null only for a card still in an older doc's shape, which opens for editing once migrated.
  const sharedText = useMemo(() => (editing ? findCardText(store.getState().session.doc, id) : null), [editing, store, id]);
  return (
    <div
      className={`card lens-${card.kind}${selected ? ' is-selected' : ''}${editing ? ' is-editing' : ''}${typist ? ' is-typed' : ''}`}
      style={typist ? ({ '--typist': typist.colour } as CSSProperties) : undefined}
      onDoubleClick={() => canEdit && !editing && store.getState().actions.setEditing(id)}
    >
      <Handle type="target" position={Position.Left} className="link-handle" aria-hidden="true" />
      <div className="card-kind" aria-hidden="true">
        <LensIcon lens={card.kind} size={15} />
        <span className="card-kind-name">{lensName(card.kind)}</span>
        {typist && (
          <span className="typist" title={`${typist.name} is typing here`}>
            {firstName(typist.name)} is typing
          </span>
        )}
        {watchers.length > 0 && (
          <span className="watchers">
            {watchers.map((c, i) => (
              <span key={`${c}${i}`} className="watcher-dot" style={{ background: c }} />
            ))}
          </span>
        )}
      </div>
      {editing && sharedText ? (
        <CardEditor id={id} text={sharedText} initial={card.text} />
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

function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

/**
 * A card's words, shared with everyone as they are typed (a Y.Text, so two people typing in
 * one card merge). Enter keeps them, Escape puts back what was there before.
 */
function CardEditor({ id, text, initial: shown }: { id: string; text: Y.Text; initial: string }) {
  const store = useWorkshopStore();
  // The words as they were when the editor opened (the card's text changes as anyone types).
  const [initial] = useState(shown);
  const session = useWorkshop((s) => s.session);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [value, setValue] = useSharedText(text, ref, session.localOrigin);
  const limit = useCardTextLimit();
  const done = useRef(false);
  // A card that had no words when the editor opened is one just added: its words are the same
  // undo step as adding it, and left empty it goes away.
  const isNew = initial === '';
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
    const { actions, snapshot } = store.getState();
    const kept = text.toString().trim();
    // Someone removed the card while it was open here: there is nothing left to keep.
    if (!snapshot.cards.has(id)) actions.setEditing(null);
    else if (isNew && (!commit || !kept)) actions.discardNewCard(id);
    else if (!commit || !kept) actions.cancelCardText(id, initial);
    else {
      // Spaces typed at either end are tidied away in the same step.
      if (kept !== text.toString()) actions.typeCardText(id, kept, isNew);
      actions.endCardText();
    }
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
        aria-description="Everyone sees your words as you type. Enter keeps them, Shift+Enter starts a new line, Escape puts back what was there"
        value={value}
        rows={3}
        maxLength={limit.maxLength}
        onPaste={limit.pasting}
        onChange={(e) => {
          setValue(e.target.value);
          limit.changed(e.target.value);
          store.getState().actions.typeCardText(id, e.target.value, isNew);
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
