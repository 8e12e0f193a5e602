import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ItemNode } from './node-types';

const statusLabel: Record<string, string> = { proposed: 'Proposed', agreed: 'Agreed', 'in delivery': 'In delivery', evaluated: 'Evaluated' };

/** An intervention placed in a domain: a plan item, shown as a stronger tile than a card. */
export const PlanItemNode = memo(function PlanItemNode({ data, selected }: NodeProps<ItemNode>) {
  const { item, homeDomainName, watchers } = data;
  return (
    <div className={`plan-tile ${selected ? 'is-selected' : ''} status-${item.status.replace(' ', '-')}`}>
      <Handle type="target" position={Position.Left} className="link-handle" aria-label="Link target" />
      <div className="plan-tile-kicker">
        <span>{item.interventionId ? 'Intervention' : 'Custom intervention'}</span>
        <span className={`status-pill status-${item.status.replace(' ', '-')}`}>{statusLabel[item.status]}</span>
        {watchers.map((c) => (
          <span key={c} className="watcher-dot" style={{ background: c }} />
        ))}
      </div>
      <p className="plan-tile-title">{item.title}</p>
      {homeDomainName && (
        <p className="plan-tile-note" title="Placed outside the domain the framework lists it under">
          From {homeDomainName}
        </p>
      )}
      {item.owner && <p className="plan-tile-owner">Owner: {item.owner}</p>}
      <Handle type="source" position={Position.Right} className="link-handle" aria-label="Link from this intervention" />
    </div>
  );
});
