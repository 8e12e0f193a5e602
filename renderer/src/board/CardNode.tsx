import { memo, useEffect, useRef, useState } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { CardNode as CardNodeType } from './node-types';
import { useActions, useWorkshop } from '../store/context';
import { LensIcon } from './lens-style';
import { frameworkIndex } from '../../../shared/framework';

/** A Start Anywhere card. Enter or double-click edits its text in place. */
export const CardNode = memo(function CardNode({ id, data, selected }: NodeProps<CardNodeType>) {
  const { card, watchers, linked } = data;
  const editing = useWorkshop((s) => s.editingId === id);
  const lens = frameworkIndex.framework.lenses.find((l) => l.id === card.kind)!;
  return (
    <div className={`card lens-${card.kind} ${selected ? 'is-selected' : ''}`} onDoubleClick={(e) => e.stopPropagation()}>
      <Handle type="target" position={Position.Left} className="link-handle" aria-label="Link target" />
      <div className="card-kind">
        <LensIcon lens={card.kind} size={14} />
        <span>{lens.name}</span>
        {watchers.length > 0 && (
          <span className="watchers" aria-label={`${watchers.length} other ${watchers.length === 1 ? 'person has' : 'people have'} this selected`}>
            {watchers.map((c) => (
              <span key={c} className="watcher-dot" style={{ background: c }} />
            ))}
          </span>
        )}
      </div>
      {editing ? <CardEditor id={id} initial={card.text} /> : <p className={`card-text ${card.text ? '' : 'placeholder'}`}>{card.text || 'Empty card'}</p>}
      <div className="card-foot">
        <span className="card-author">{card.author || 'Unknown'}</span>
        {card.tags.length > 0 && <span className="chip chip-sm">{card.tags.length} tagged</span>}
        {linked > 0 && <span className="chip chip-sm">{linked} linked</span>}
      </div>
      <Handle type="source" position={Position.Right} className="link-handle" aria-label="Link from this card" />
    </div>
  );
});

function CardEditor({ id, initial }: { id: string; initial: string }) {
  const actions = useActions();
  const [value, setValue] = useState(initial);
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
      el.focus();
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
    if (commit && text !== initial) {
      if (text) actions.setCardText(id, text);
      else if (!initial) actions.remove([id]);
    } else if (!commit && !initial) {
      actions.remove([id]);
    }
    actions.setEditing(null);
    // Give keyboard users their place back on the card they were editing.
    requestAnimationFrame(() => (document.querySelector(`.react-flow__node[data-id="${id}"]`) as HTMLElement | null)?.focus());
  };
  return (
    <textarea
      ref={ref}
      className="card-editor nodrag nopan nowheel"
      aria-label="Card text"
      value={value}
      rows={3}
      maxLength={500}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
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
  );
}
