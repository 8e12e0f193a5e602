// The follow-up data of the open workshop, read through the store like the rest of the board:
// the doc mirror keeps measures and outcomes in its snapshot, so whatever changes them (this
// person, someone else, an undo from anywhere) reaches every view that shows them.
import { useMemo } from 'react';
import { followUpView, type ItemFollowUp } from '../../../shared/doc/follow-up';
import { planRows } from '../../../shared/doc/views';
import { localToday } from '../../../shared/export/follow-up-rows';
import { frameworkIndex } from '../../../shared/framework';
import { useWorkshop } from '../store/context';

/** Every plan item with its measures and outcomes, most pressing review first. */
export function useFollowUp(today = localToday()): ItemFollowUp[] {
  const items = useWorkshop((s) => s.snapshot.items);
  const measures = useWorkshop((s) => s.snapshot.measures);
  const outcomes = useWorkshop((s) => s.snapshot.outcomes);
  return useMemo(
    () => followUpView(planRows(frameworkIndex, [...items.values()]), { measures: [...measures.values()], outcomes: [...outcomes.values()] }, today),
    [items, measures, outcomes, today],
  );
}
