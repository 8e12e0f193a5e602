// Keeps plain snapshots of the doc for the UI. Only entries touched by a transaction are
// re-read; every other snapshot keeps its object identity, so React skips re-rendering it.
import * as Y from 'yjs';
import {
  cardsMap,
  itemsMap,
  linksMap,
  metaMap,
  readCard,
  readPlanItem,
  readLink,
  readMeta,
  type CardView,
  type PlanItemView,
  type LinkView,
  type WorkshopMeta,
} from '../../../shared/doc';
import type { FrameworkIndex } from '../../../shared/framework/load';

export interface DocSnapshot {
  meta: WorkshopMeta;
  cards: ReadonlyMap<string, CardView>;
  items: ReadonlyMap<string, PlanItemView>;
  links: ReadonlyMap<string, LinkView>;
}

type Root = 'cards' | 'items' | 'links';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types are invariant in their event type
type AnyType = Y.AbstractType<any>;

export function mirrorDoc(doc: Y.Doc, fw: FrameworkIndex, onSnapshot: (s: DocSnapshot) => void): () => void {
  const roots = { cards: cardsMap(doc), items: itemsMap(doc), links: linksMap(doc) };
  let snapshot: DocSnapshot = {
    meta: readMeta(doc),
    cards: new Map([...roots.cards].map(([id, e]) => [id, readCard(id, e)])),
    items: new Map([...roots.items].map(([id, e]) => [id, readPlanItem(id, e, fw)])),
    links: new Map([...roots.links].map(([id, e]) => [id, readLink(id, e)])),
  };
  onSnapshot(snapshot);

  const readers = {
    cards: (id: string, e: Y.Map<unknown>) => readCard(id, e),
    items: (id: string, e: Y.Map<unknown>) => readPlanItem(id, e, fw),
    links: (id: string, e: Y.Map<unknown>) => readLink(id, e),
  };

  const onAfterTransaction = (tr: Y.Transaction) => {
    const touched: Record<Root, Set<string>> = { cards: new Set(), items: new Set(), links: new Set() };
    let metaChanged = false;
    for (const type of tr.changed.keys()) {
      // Walk up from the changed type to the root map; the child just below the root is the entry.
      let child: AnyType = type;
      let parent = child._item?.parent as AnyType | null | undefined;
      if (type === (metaMap(doc) as AnyType)) metaChanged = true;
      for (const root of Object.keys(roots) as Root[]) {
        if (type === (roots[root] as AnyType)) for (const key of tr.changed.get(type) ?? []) if (key) touched[root].add(key);
      }
      while (parent) {
        for (const root of Object.keys(roots) as Root[]) {
          if (parent === (roots[root] as AnyType) && child._item?.parentSub) touched[root].add(child._item.parentSub);
        }
        child = parent;
        parent = child._item?.parent as AnyType | null | undefined;
      }
    }
    const anyTouched = metaChanged || touched.cards.size + touched.items.size + touched.links.size > 0;
    if (!anyTouched) return;
    const next = { ...snapshot };
    if (metaChanged) next.meta = readMeta(doc);
    for (const root of Object.keys(roots) as Root[]) {
      if (touched[root].size === 0) continue;
      const map = new Map(snapshot[root] as Map<string, unknown>);
      for (const id of touched[root]) {
        const e = roots[root].get(id);
        if (e instanceof Y.Map) map.set(id, readers[root](id, e));
        else map.delete(id);
      }
      (next as Record<Root, unknown>)[root] = map;
    }
    snapshot = next;
    onSnapshot(snapshot);
  };
  doc.on('afterTransaction', onAfterTransaction);
  return () => doc.off('afterTransaction', onAfterTransaction);
}
