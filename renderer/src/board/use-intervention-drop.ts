// Dropping an intervention dragged from the menu onto the board: it becomes a plan item in the
// domain under the pointer, centred there, and selected.
import { useCallback } from 'react';
import { useReactFlow } from '@xyflow/react';
import { frameworkIndex } from '../../../shared/framework';
import { regionIndexAt, ITEM_WIDTH, ITEM_HEIGHT } from '../../../shared/doc/board-geometry';
import { useActions } from '../store/context';
import { INTERVENTION_DRAG_TYPE } from './node-types';

export function useInterventionDrop() {
  const actions = useActions();
  const flow = useReactFlow();
  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const interventionId = e.dataTransfer.getData(INTERVENTION_DRAG_TYPE);
      if (!interventionId) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const domainId = frameworkIndex.framework.domains[regionIndexAt(p)]!.id;
      const id = actions.addPlanItem(interventionId, domainId, { x: p.x - ITEM_WIDTH / 2, y: p.y - ITEM_HEIGHT / 2 });
      if (id) actions.select([id]);
    },
    [actions, flow],
  );
  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(INTERVENTION_DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  return { onDrop, onDragOver };
}
