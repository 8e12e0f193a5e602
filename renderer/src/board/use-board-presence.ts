// What this person's board tells others while they work: where the pointer is and, during a
// drag, where every dragged entry is. The store's broadcast sends both at one fixed rate, so a
// moving pointer never holds a drag back.
import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow, type OnNodeDrag } from '@xyflow/react';
import { BROADCAST_INTERVAL_MS } from '../collab/presence-broadcast';
import { useActions } from '../store/context';
import type { BoardNode } from './node-types';

export function useBoardPresence() {
  const actions = useActions();
  const flow = useReactFlow();
  const lastPointer = useRef<{ x: number; y: number } | null>(null);
  const timer = useRef(0);

  // Turning a screen point into a board point measures the board (a forced layout in the middle
  // of a drag), so it happens at most once per broadcast, for the latest point only.
  const sendPointer = useCallback(() => {
    timer.current = 0;
    if (lastPointer.current) actions.pointerMoved(flow.screenToFlowPosition(lastPointer.current));
  }, [actions, flow]);
  const onPointerMove = useCallback(
    (e: React.PointerEvent) => {
      lastPointer.current = { x: e.clientX, y: e.clientY };
      if (!timer.current) timer.current = window.setTimeout(sendPointer, BROADCAST_INTERVAL_MS);
    },
    [sendPointer],
  );
  const onPointerLeave = useCallback(() => {
    window.clearTimeout(timer.current);
    timer.current = 0;
    lastPointer.current = null;
    actions.pointerMoved(null);
  }, [actions]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const onNodeDrag: OnNodeDrag<BoardNode> = useCallback(
    (_e, _node, dragged) => {
      actions.dragMoved(dragged.filter((n) => n.type !== 'domain').map((n) => ({ id: n.id, x: n.position.x, y: n.position.y })));
    },
    [actions],
  );
  const dragEnded = useCallback(() => actions.dragMoved(null), [actions]);

  return { onPointerMove, onPointerLeave, onNodeDrag, dragEnded };
}
