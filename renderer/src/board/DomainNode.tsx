import { memo, useState } from 'react';
import { useReactFlow, type NodeProps } from '@xyflow/react';
import type { DomainNode as DomainNodeType } from './node-types';
import { useActions, useWorkshop } from '../store/context';
import { sentenceCase } from '../lib/text';

/** A domain of the framework as a fixed region of the board. Double-click adds a card there. */
export const DomainNode = memo(function DomainNode({ data }: NodeProps<DomainNodeType>) {
  const { domain, index, cards, items, targeted } = data;
  const [showDescription, setShowDescription] = useState(false);
  const actions = useActions();
  const newCardKind = useWorkshop((s) => s.newCardKind);
  const { screenToFlowPosition } = useReactFlow();
  return (
    <div
      className={`domain-region d${index} ${targeted ? 'targeted' : ''}`}
      onDoubleClick={(e) => {
        if ((e.target as HTMLElement).closest('button')) return;
        const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
        const id = actions.addCard(newCardKind, domain.id, { x: p.x - 110, y: p.y - 30 });
        if (id) actions.setEditing(id);
      }}
      onClick={() => actions.setTargetDomain(domain.id)}
    >
      <header className="domain-header">
        <span className="domain-number" aria-hidden="true">
          {index + 1}
        </span>
        <h2 className="domain-title">{domain.name}</h2>
        <span className="domain-counts">
          {cards} {cards === 1 ? 'card' : 'cards'} · {items} {items === 1 ? 'intervention' : 'interventions'}
        </span>
        <button
          className="btn btn-ghost btn-sm nodrag"
          aria-expanded={showDescription}
          aria-controls={`domain-desc-${domain.id}`}
          onClick={(e) => {
            e.stopPropagation();
            setShowDescription((v) => !v);
          }}
        >
          {showDescription ? 'Hide description' : 'About this domain'}
        </button>
      </header>
      {showDescription && (
        <p id={`domain-desc-${domain.id}`} className="domain-description">
          {sentenceCase(domain.description)}
        </p>
      )}
    </div>
  );
});
