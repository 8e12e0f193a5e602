import { ViewportPortal } from '@xyflow/react';
import { useWorkshop } from '../store/context';

/** Other people's pointers, drawn in board coordinates so they stay put while you pan. */
export function RemoteCursors() {
  const participants = useWorkshop((s) => s.participants);
  return (
    <ViewportPortal>
      {participants
        .filter((p) => !p.isSelf && p.cursor)
        .map((p) => (
          <div
            key={p.clientId}
            className="remote-cursor"
            style={{ transform: `translate(${p.cursor!.x}px, ${p.cursor!.y}px)`, color: p.user.colour }}
            data-testid="remote-cursor"
            aria-hidden="true"
          >
            <svg width="18" height="18" viewBox="0 0 18 18">
              <path d="M1 1l6 15 2.2-6.3L16 7.5z" fill="currentColor" stroke="#fff" strokeWidth="1.2" />
            </svg>
            <span className="remote-cursor-label" style={{ background: p.user.colour }}>
              {p.user.name}
            </span>
          </div>
        ))}
    </ViewportPortal>
  );
}
