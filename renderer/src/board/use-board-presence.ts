// What this person's board tells others while they work: where the pointer is and, during a
// drag, where every dragged entry is. The store's broadcast sends both at one fixed rate, so a
// moving pointer never holds a drag back.
import { useCallback } from 'react';
import { useReactFlow, type OnNodeDrag } from '@xyflow/react';
import { useActions } from '../store/context';
import type { BoardNode } from './node-types';

export function useBoardPresence() {
  const actions = useActions();
  const flow = useReactFlow();

  const onPointerMove = useCallback(
    (e: React.PointerEvent) => actions.pointerMoved(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })),
    [actions, flow],
  );
  const onPointerLeave = useCallback(() => actions.pointerMoved(null), [actions]);

  const onNodeDrag: OnNodeDrag<BoardNode> = useCallback(
    (_e, _node, dragged) => {
      actions.dragMoved(dragged.filter((n) => n.type !== 'domain').map((n) => ({ id: n.id, x: n.position.x, y: n.position.y })));
    },
    [actions],
  );
  const dragEnded = useCallback(() => actions.dragMoved(null), [actions]);

  return { onPointerMove, onPointerLeave, onNodeDrag, dragEnded };
}
