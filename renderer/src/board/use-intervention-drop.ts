// Dropping an intervention dragged from the menu onto the board: it becomes a plan item in the
// domain under the pointer, centred there (or in the domain's first free slot, if that would
// cover something already there: see placeDropped in doc-actions.ts), and selected.
import { useCallback, type RefObject } from 'react';
import { useReactFlow } from '@xyflow/react';
import { frameworkIndex } from '../../../shared/framework';
import { shownRegionIndexAt, storedPosition, ITEM_WIDTH, ITEM_HEIGHT, type BoardLayout } from '../../../shared/doc/board-geometry';
import { useActions } from '../store/context';
import { INTERVENTION_DRAG_TYPE } from './node-types';

export function useInterventionDrop(layout: RefObject<BoardLayout>) {
  const actions = useActions();
  const flow = useReactFlow();
  const onDrop = useCallback(
    (e: React.DragEvent) => {
      const interventionId = e.dataTransfer.getData(INTERVENTION_DRAG_TYPE);
      if (!interventionId) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      const index = shownRegionIndexAt(layout.current, p);
      const domainId = frameworkIndex.framework.domains[index]!.id;
      const id = actions.addPlanItem(interventionId, domainId, storedPosition(layout.current, index, { x: p.x - ITEM_WIDTH / 2, y: p.y - ITEM_HEIGHT / 2 }));
      if (id) actions.select([id]);
    },
    [actions, flow, layout],
  );
  const onDragOver = useCallback((e: React.DragEvent) => {
    if (e.dataTransfer.types.includes(INTERVENTION_DRAG_TYPE)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  return { onDrop, onDragOver };
}
