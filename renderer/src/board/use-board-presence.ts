// What this person's board tells others while they work: where the pointer is and, during a
// drag, where every dragged entry is. The store's broadcast sends both at one fixed rate, so a
// moving pointer never holds a drag back.
import { useCallback, useRef } from 'react';
import { useReactFlow, type OnNodeDrag } from '@xyflow/react';
import { useActions } from '../store/context';
import type { BoardNode } from './node-types';

/** how long the board's measured place on screen is trusted before it is measured again */
const RECT_TTL_MS = 1000;

export function useBoardPresence() {
  const actions = useActions();
  const flow = useReactFlow();
  const rect = useRef<{ left: number; top: number; at: number } | null>(null);

  // Measuring the board on every pointer move would force a layout in the middle of a drag, so
  // its place on screen is measured when the pointer enters and then about once a second; the
  // pan and zoom come from React Flow's store, which costs nothing to read.
  const onPointerMove = useCallback(
    (e: React.PointerEvent<HTMLElement>) => {
      const now = performance.now();
      if (!rect.current || now - rect.current.at > RECT_TTL_MS) {
        // React Flow's own element: its viewport's origin is that element's top left corner.
        const r = (e.currentTarget.querySelector('.react-flow') ?? e.currentTarget).getBoundingClientRect();
        rect.current = { left: r.left, top: r.top, at: now };
      }
      const { x, y, zoom } = flow.getViewport();
      actions.pointerMoved({ x: (e.clientX - rect.current.left - x) / zoom, y: (e.clientY - rect.current.top - y) / zoom });
    },
    [actions, flow],
  );
  const onPointerLeave = useCallback(() => {
    rect.current = null;
    actions.pointerMoved(null);
  }, [actions]);

  const onNodeDrag: OnNodeDrag<BoardNode> = useCallback(
    (_e, _node, dragged) => {
      actions.dragMoved(dragged.filter((n) => n.type !== 'domain').map((n) => ({ id: n.id, x: n.position.x, y: n.position.y })));
    },
    [actions],
  );
  const dragEnded = useCallback(() => actions.dragMoved(null), [actions]);

  return { onPointerMove, onPointerLeave, onNodeDrag, dragEnded };
}
