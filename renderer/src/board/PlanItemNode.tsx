import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ItemNode } from './node-types';
import { VoteChip } from './VoteChip';
import { statusLabel } from '../../../shared/wording';

/** An intervention placed in a domain: a plan item, shown as a stronger tile than a card. */
export const PlanItemNode = memo(function PlanItemNode({ data, selected }: NodeProps<ItemNode>) {
  const { item, homeDomainName, watchers, linked } = data;
  const status = item.status.replace(' ', '-');
  const votes = item.votes?.dots ?? 0;
  return (
    <div className={`plan-tile${selected ? ' is-selected' : ''}${homeDomainName ? ' is-outside' : ''} status-${status}`}>
      <Handle type="target" position={Position.Left} className="link-handle" aria-hidden="true" />
      <div className="plan-tile-kicker" aria-hidden="true">
        <span>{item.interventionId ? 'Intervention' : 'Custom'}</span>
        {watchers.map((c, i) => (
          <span key={`${c}${i}`} className="watcher-dot" style={{ background: c }} />
        ))}
        <span className={`status-pill status-${status}`}>{statusLabel(item.status)}</span>
      </div>
      <p className="plan-tile-title" aria-hidden="true">
        {item.title}
      </p>
      <div className={`plan-tile-foot${votes > 0 ? ' has-votes' : ''}`} aria-hidden="true">
        {homeDomainName ? (
          <span className="plan-tile-note" title="Placed outside the domain the framework lists it under">
            From {homeDomainName}
          </span>
        ) : (
          <span className="plan-tile-owner">{item.owner ? item.owner : 'No owner yet'}</span>
        )}
        {votes > 0 && <VoteChip dots={votes} />}
        {linked > 0 && (
          <span className="chip chip-sm chip-on-dark">
            {linked} {linked === 1 ? 'link' : 'links'}
          </span>
        )}
      </div>
      <Handle type="source" position={Position.Right} className="link-handle" aria-hidden="true" />
    </div>
  );
});
