import { memo, useState, type CSSProperties } from 'react';
import { useReactFlow, type NodeProps } from '@xyflow/react';
import type { DomainNode as DomainNodeType } from './node-types';
import { useWorkshopStore } from '../store/context';
import { sentenceCase } from '../lib/text';
import { CARD_WIDTH, CARD_HEIGHT } from '../../../shared/doc/board-geometry';

/** A domain of the framework as a fixed region of the board. Double-click adds a card there. */
export const DomainNode = memo(function DomainNode({ data }: NodeProps<DomainNodeType>) {
  const { domain, index, cards, items, targeted, offset } = data;
  const [showDescription, setShowDescription] = useState(false);
  const store = useWorkshopStore();
  const { screenToFlowPosition } = useReactFlow();
  return (
    <div
      className={`domain-region d${index}${targeted ? ' targeted' : ''}`}
      onDoubleClick={(e) => {
        if ((e.target as HTMLElement).closest('button, .domain-description')) return;
        const { actions, newCardKind } = store.getState();
        const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
        // The domain's entries are shown moved by its offset; the card is stored where it will show.
        const id = actions.addCard(newCardKind, domain.id, { x: p.x - CARD_WIDTH / 2 - offset.x, y: p.y - CARD_HEIGHT / 2 - offset.y });
        if (id) actions.setEditing(id);
      }}
      onClick={() => store.getState().actions.setTargetDomain(domain.id)}
    >
      <header className="domain-header">
        <span className="domain-number" aria-hidden="true">
          {index + 1}
        </span>
        <div className="domain-heading">
          {/* One line, sized to the region (board.css), so a long name never runs into the first card. */}
          <h2 className="domain-title" title={domain.name} style={{ '--title-em': titleEm(domain.name) } as CSSProperties}>
            {domain.name}
          </h2>
          <span className="domain-counts">
            {cards} {cards === 1 ? 'card' : 'cards'} ·{' '}
            <span className={items === 0 ? 'empty' : ''}>
              {items === 0 ? 'no interventions yet' : `${items} ${items === 1 ? 'intervention' : 'interventions'}`}
            </span>
          </span>
        </div>
        <button
          type="button"
          className="btn btn-sm nodrag domain-about"
          aria-expanded={showDescription}
          aria-controls={`domain-desc-${domain.id}`}
          aria-label={showDescription ? 'Hide description' : 'About this domain'}
          onClick={(e) => {
            e.stopPropagation();
            setShowDescription((v) => !v);
          }}
        >
          {showDescription ? 'Hide' : 'About'}
        </button>
      </header>
      <p id={`domain-desc-${domain.id}`} className="domain-description nodrag nowheel" hidden={!showDescription}>
        {sentenceCase(domain.description)}
      </p>
    </div>
  );
});

/** About how many em wide a domain's name is in the title's bold face, for sizing it to one line. */
function titleEm(name: string): string {
  return (name.length * 0.56).toFixed(1);
}
