// Zoom and "show me" controls for the board: a slim column at its left edge. The board is wider
// than it is tall and the canvas is the other way round, so at "whole board" zoom this column sits
// in the empty margin beside the domains instead of covering one. Each domain has a button that
// brings it into view.
import { Panel, useReactFlow } from '@xyflow/react';
import { frameworkIndex } from '../../../shared/framework';
import type { Rect } from './fit';

const ANIMATE = { duration: 300 };

export function ViewControls({ fit, touch, regions }: { fit: () => void; touch: () => void; regions: readonly Rect[] }) {
  const flow = useReactFlow();
  return (
    <Panel position="top-left" className="view-controls" role="group" aria-label="View">
      <div className="domain-jump" role="group" aria-label="Show a domain">
        {frameworkIndex.framework.domains.map((d, i) => (
          <button
            key={d.id}
            type="button"
            className={`btn btn-icon domain-jump-btn d${i}`}
            aria-label={`Show domain ${i + 1}, ${d.name}`}
            title={`Show ${d.name}`}
            onClick={() => {
              touch();
              const r = regions[i]!;
              void flow.fitBounds({ x: r.x, y: r.y, width: r.width, height: r.height }, { padding: 0.03, ...ANIMATE });
            }}
          >
            {i + 1}
          </button>
        ))}
      </div>
      <button type="button" className="btn btn-icon" aria-label="Fit the board to the screen" title="Fit the board to the screen" onClick={fit}>
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <path d="M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5" />
        </svg>
      </button>
      <button type="button" className="btn btn-icon" aria-label="Zoom out" title="Zoom out" onClick={() => (touch(), void flow.zoomOut(ANIMATE))}>
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round">
          <path d="M5 12h14" />
        </svg>
      </button>
      <button type="button" className="btn btn-icon" aria-label="Zoom in" title="Zoom in" onClick={() => (touch(), void flow.zoomIn(ANIMATE))}>
        <svg width="18" height="18" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round">
          <path d="M5 12h14M12 5v14" />
        </svg>
      </button>
    </Panel>
  );
}
