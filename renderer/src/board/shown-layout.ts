// The board as shown, from the workshop's entries (no React): each domain's rectangle and how far
// its entries are moved from where they are stored (see boardLayout in the shared geometry).
import { frameworkIndex } from '../../../shared/framework';
import { boardLayout, entrySize, type BoardLayout, type PlacedEntry } from '../../../shared/doc/board-geometry';
import type { CardView, PlanItemView } from '../../../shared/doc/layout';

const domainIndexById = new Map(frameworkIndex.framework.domains.map((d, i) => [d.id, i]));
export const domainIndexOf = (domainId: string) => domainIndexById.get(domainId) ?? 0;

export function shownLayout(cards: ReadonlyMap<string, CardView>, items: ReadonlyMap<string, PlanItemView>): BoardLayout {
  const card = entrySize('card');
  const item = entrySize('item');
  function* placed(): Generator<PlacedEntry> {
    for (const c of cards.values()) yield { domainIndex: domainIndexOf(c.domainId), ...c.position, ...card };
    for (const i of items.values()) yield { domainIndex: domainIndexOf(i.domainId), ...i.position, ...item };
  }
  return boardLayout(placed());
}
