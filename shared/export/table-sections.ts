// What each table did, for the exports' report-back: its own cards and proposed interventions,
// domain by domain, and what it has already brought into the room's plan. Pure, so Markdown,
// the PDF and the deck all tell the same story. With no tables there are no sections.
import type { FrameworkIndex } from '../framework/load';
import type { Domain } from '../framework/schema';
import type { CardView, PlanItemView, TableView } from '../doc/layout';
import { orderedTables } from '../doc/tables';
import type { PlanContent } from './plan-rows';

export interface TableDomain {
  domain: Domain;
  /** index of the domain in the framework, for its colour */
  index: number;
  /** the table's cards in this domain, in the framework's lens order */
  cards: CardView[];
  items: PlanItemView[];
}

export interface TableSection {
  table: TableView;
  /** only the domains the table wrote or proposed something in */
  domains: TableDomain[];
  /** what the table has brought into the room's plan so far */
  brought: { cards: CardView[]; items: PlanItemView[] };
}

export function tableSections(fw: FrameworkIndex, content: PlanContent): TableSection[] {
  if (!content.tables?.size) return [];
  const lensOrder = new Map(fw.framework.lenses.map((l, i) => [l.id as string, i]));
  const byLens = (a: CardView, b: CardView) => (lensOrder.get(a.kind) ?? 0) - (lensOrder.get(b.kind) ?? 0);
  return orderedTables(content.tables).map((table) => {
    const cards = content.cards.filter((c) => c.tableId === table.id);
    const items = content.items.filter((i) => i.tableId === table.id);
    const domains = fw.framework.domains
      .map((domain, index) => ({
        domain,
        index,
        cards: cards.filter((c) => c.domainId === domain.id).sort(byLens),
        items: items.filter((i) => i.domainId === domain.id),
      }))
      .filter((d) => d.cards.length || d.items.length);
    const brought = {
      cards: content.cards.filter((c) => c.fromTableId === table.id),
      items: content.items.filter((i) => i.fromTables.includes(table.id)),
    };
    return { table, domains, brought };
  });
}

/** The lens a card answers, by name: a table's cards are listed across lenses, so each says its own. */
export function lensName(fw: FrameworkIndex, card: CardView): string {
  return fw.framework.lenses.find((l) => l.id === card.kind)?.name ?? card.kind;
}

/** "Bassetlaw", "Bassetlaw and Mansfield", "Bassetlaw, Mansfield and Newark". */
function names(list: string[]): string {
  return list.length < 2 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/**
 * Which table a card or plan item is from: "Table Bassetlaw" while it is at the table, "from
 * table Bassetlaw" once brought into the room's plan, '' for the room's own. A table that no
 * longer exists names nothing: its work is the room's now (as the board shows it).
 */
export function tableLabel(entry: CardView | PlanItemView, tables: ReadonlyMap<string, TableView> | undefined): string {
  if (!tables?.size) return '';
  const at = tables.get(entry.tableId);
  if (at) return `Table ${at.name}`;
  const from = ('fromTables' in entry ? entry.fromTables : [entry.fromTableId])
    .map((id) => tables.get(id))
    .filter((t): t is TableView => !!t)
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
    .map((t) => t.name);
  return from.length ? `from ${from.length === 1 ? 'table' : 'tables'} ${names(from)}` : '';
}
