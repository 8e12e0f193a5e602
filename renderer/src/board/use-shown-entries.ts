// What the board and the plan show: the room's own cards, plan items and links, or one table's
// space (its own cards and proposed interventions, laid out in its own four domains) while this
// window views a table. The entries keep their identity, so the board's node cache still works.
import { createContext, useContext, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useWorkshop } from '../store/context';
import type { CardView, LinkView, PlanItemView } from '../../../shared/doc/layout';

export interface ShownEntries {
  cards: ReadonlyMap<string, CardView>;
  items: ReadonlyMap<string, PlanItemView>;
  links: ReadonlyMap<string, LinkView>;
}

/**
 * One table's entries, or (`tableId` null) the room's own: those written in the room, brought
 * into its plan, or left by a table that no longer exists. With no tables that is everything.
 */
export function entriesAtTable(all: ShownEntries, tableId: string | null, tables: ReadonlySet<string>): ShownEntries {
  const at = (e: { tableId: string }) => (tables.has(e.tableId) ? e.tableId : null);
  if (tableId === null && tables.size === 0) return all;
  const keep = <T extends { tableId: string }>(m: ReadonlyMap<string, T>) => new Map([...m].filter(([, e]) => at(e) === tableId));
  const cards = keep(all.cards);
  const items = keep(all.items);
  const shown = (id: string) => cards.has(id) || items.has(id);
  const links = new Map([...all.links].filter(([, l]) => shown(l.from) && shown(l.to)));
  return { cards, items, links };
}

/**
 * Which space a board inside it shows, whatever this window views: the presentation shows the
 * room's (null) or one table's to everyone alike. Without it, a board follows the window.
 */
export const BoardSpace = createContext<{ tableId: string | null } | null>(null);

/** The entries of one space: a table's, or (null) the room's own. */
export function useEntriesAt(tableId: string | null): ShownEntries {
  const { cards, items, links, tables } = useWorkshop(
    useShallow((s) => ({ cards: s.snapshot.cards, items: s.snapshot.items, links: s.snapshot.links, tables: s.snapshot.tables })),
  );
  return useMemo(() => entriesAtTable({ cards, items, links }, tableId, new Set(tables.keys())), [cards, items, links, tables, tableId]);
}

/** What a board shows: its BoardSpace, or the space this window views. */
export function useShownEntries(): ShownEntries {
  const space = useContext(BoardSpace);
  const tableView = useWorkshop((s) => s.tableView);
  return useEntriesAt(space ? space.tableId : tableView);
}
