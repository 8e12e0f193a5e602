import { useStore, type ReactFlowState } from '@xyflow/react';
import { useWorkshop } from '../store/context';
import type { RemoteCursor } from '../collab/presence-mirror';

const transformOf = (s: ReactFlowState) => s.transform;

/**
 * Other people's pointers, kept in board coordinates so they stay put while you pan. Drawn in a
 * layer of our own rather than in React Flow's ViewportPortal, whose lookup of its container is a
 * DOM query on every store update (thousands of elements to walk on every frame of a drag).
 */
export function RemoteCursors() {
  const others = useWorkshop((s) => s.cursors);
  if (others.length === 0) return null;
  return <CursorLayer others={others} />;
}

function CursorLayer({ others }: { others: readonly RemoteCursor[] }) {
  const [tx, ty, k] = useStore(transformOf);
  return (
    <div className="remote-cursors" aria-hidden="true">
      {others.map((p) => (
        <div
          key={p.clientId}
          className="remote-cursor"
          style={{ transform: `translate(${tx + p.x * k}px, ${ty + p.y * k}px)`, color: p.colour }}
          data-testid="remote-cursor"
        >
          <svg width="18" height="18" viewBox="0 0 18 18">
            <path d="M1 1l6 15 2.2-6.3L16 7.5z" fill="currentColor" stroke="#fff" strokeWidth="1.2" />
          </svg>
          <span className="remote-cursor-label" style={{ background: p.colour }}>
            {p.name}
          </span>
        </div>
      ))}
    </div>
  );
}
