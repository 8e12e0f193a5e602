// Touch additions to the board for tablets: the side panels as drawers, and a long press on a
// card to open it for editing. Rendered inside the workspace; has no effect without touch or
// above the tablet width.
import { useCallback } from 'react';
import { useWorkshopStore } from '../store/context';
import { TabletDrawers } from './TabletDrawers';
import { useLongPressOnCards } from './use-long-press';

export function TouchBoard() {
  const store = useWorkshopStore();
  const open = useCallback(
    (id: string) => {
      const { canEdit, snapshot, actions } = store.getState();
      if (!canEdit || !snapshot.cards.has(id)) return;
      actions.select([id]);
      actions.setEditing(id);
    },
    [store],
  );
  useLongPressOnCards(open);
  return <TabletDrawers />;
}
