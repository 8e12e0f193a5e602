// The follow-up data of the open workshop, live: measures and outcomes are read from the doc's
// own maps (the board's store does not carry them) and re-read whenever anyone changes them.
import { useMemo, useSyncExternalStore } from 'react';
import { measuresMap, outcomesMap } from '../../../shared/doc/workshop-doc';
import { readFollowUp, followUpView, type FollowUpContent, type ItemFollowUp } from '../../../shared/doc/follow-up';
import { planRows } from '../../../shared/doc/views';
import { localToday } from '../../../shared/export/follow-up-rows';
import { frameworkIndex } from '../../../shared/framework';
import { useWorkshop } from '../store/context';

const cache = new WeakMap<object, FollowUpContent>();

export function useFollowUpContent(): FollowUpContent {
  const doc = useWorkshop((s) => s.session.doc);
  const subscribe = useMemo(
    () => (notify: () => void) => {
      const onChange = () => {
        cache.delete(doc);
        notify();
      };
      measuresMap(doc).observeDeep(onChange);
      outcomesMap(doc).observe(onChange);
      return () => {
        measuresMap(doc).unobserveDeep(onChange);
        outcomesMap(doc).unobserve(onChange);
      };
    },
    [doc],
  );
  return useSyncExternalStore(subscribe, () => {
    let c = cache.get(doc);
    if (!c) cache.set(doc, (c = readFollowUp(doc)));
    return c;
  });
}

/** Every plan item with its measures and outcomes, most pressing review first. */
export function useFollowUp(): ItemFollowUp[] {
  const items = useWorkshop((s) => s.snapshot.items);
  const content = useFollowUpContent();
  return useMemo(() => followUpView(planRows(frameworkIndex, [...items.values()]), content, localToday()), [items, content]);
}
