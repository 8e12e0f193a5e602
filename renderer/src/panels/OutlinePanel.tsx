import { useMemo } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import type { CardView, PlanItemView, TableView } from '../../../shared/doc';
import { useActions, useWorkshop } from '../store/context';
import { useShownEntries } from '../board/use-shown-entries';

/**
 * The board as a list, by domain: the way a screen-reader user reads and moves around it. Each
 * entry says what a sighted person sees on its card (lens, tags, links, votes, who added it);
 * choosing one selects it and opens its Details, where every action on it is.
 */
export function OutlinePanel() {
  // What the board shows: the room's own, or one table's space.
  const { cards, items, links } = useShownEntries();
  const tables = useWorkshop((s) => s.snapshot.tables);
  const shownTable = useWorkshop((s) => (s.tableView ? (s.snapshot.tables.get(s.tableView)?.name ?? null) : null));
  const selection = useWorkshop((s) => s.selection);
  const actions = useActions();
  const byDomain = useMemo(
    () =>
      frameworkIndex.framework.domains.map((d) => ({
        domain: d,
        cards: [...cards.values()].filter((c) => c.domainId === d.id).sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x),
        items: [...items.values()].filter((i) => i.domainId === d.id).sort((a, b) => a.position.y - b.position.y || a.position.x - b.position.x),
      })),
    [cards, items],
  );
  const linkCount = useMemo(() => {
    const n = new Map<string, number>();
    for (const l of links.values()) for (const id of [l.from, l.to]) n.set(id, (n.get(id) ?? 0) + 1);
    return n;
  }, [links]);
  const entry = (id: string, label: string, facts: string) => (
    <li key={id}>
      <button type="button" className="link-btn" aria-current={selection.includes(id) ? 'true' : undefined} onClick={() => actions.focus(id)}>
        {label}
      </button>
      {facts && <span className="small muted outline-facts">{facts}</span>}
    </li>
  );
  return (
    <nav className="outline" aria-label="Board outline">
      <p className="small muted">
        {tables.size > 0 && (shownTable ? `Table ${shownTable}’s space. ` : 'The whole room’s board. ')}
        Choose anything here to select it, show it on the board and open its details.
      </p>
      {byDomain.map(({ domain, cards: dc, items: di }, index) => (
        <div key={domain.id} className={`outline-domain d${index}`} role="group" aria-labelledby={`outline-${domain.id}`}>
          <h3 id={`outline-${domain.id}`}>{domain.name}</h3>
          {dc.length + di.length === 0 && <p className="small muted">Nothing here yet.</p>}
          {di.length > 0 && (
            <>
              <h4 id={`outline-${domain.id}-items`}>Interventions</h4>
              <ul aria-labelledby={`outline-${domain.id}-items`}>{di.map((i) => entry(i.id, i.title, itemFacts(i, linkCount.get(i.id) ?? 0, tables)))}</ul>
            </>
          )}
          {frameworkIndex.framework.lenses.map((lens) => {
            const list = dc.filter((c) => c.kind === lens.id);
            if (list.length === 0) return null;
            const headingId = `outline-${domain.id}-${lens.id}`;
            return (
              <div key={lens.id}>
                <h4 id={headingId}>{lens.name}</h4>
                <ul aria-labelledby={headingId}>{list.map((c) => entry(c.id, c.text || 'Empty card', cardFacts(c, linkCount.get(c.id) ?? 0, tables)))}</ul>
              </div>
            );
          })}
        </div>
      ))}
    </nav>
  );
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function tagNames(tags: readonly string[]): string {
  return tags
    .map((t) => frameworkIndex.tagById.get(t)?.text)
    .filter(Boolean)
    .join('; ');
}

function common(tags: readonly string[], links: number, votes: { dots: number } | null): string[] {
  return [tags.length > 0 ? `tagged ${tagNames(tags)}` : '', links > 0 ? `linked to ${plural(links, 'other')}` : '', votes ? plural(votes.dots, 'vote') : ''];
}

/** Where a card or item in the room's plan came from: "from table Mansfield" (or tables). */
function fromTables(ids: readonly string[], tables: ReadonlyMap<string, TableView>): string {
  const names = ids.map((id) => tables.get(id)?.name).filter(Boolean);
  return names.length ? `from ${names.length === 1 ? 'table' : 'tables'} ${names.join(', ')}` : '';
}

function cardFacts(c: CardView, links: number, tables: ReadonlyMap<string, TableView>): string {
  const by = c.author ? `added by ${c.author}${c.organisation ? ` (${c.organisation})` : ''}` : '';
  return [by, c.tableId ? '' : fromTables([c.fromTableId], tables), ...common(c.tags, links, c.votes)].filter(Boolean).join(', ');
}

function itemFacts(i: PlanItemView, links: number, tables: ReadonlyMap<string, TableView>): string {
  return [i.status, i.owner ? `owner ${i.owner}` : '', i.tableId ? '' : fromTables(i.fromTables, tables), ...common(i.tags, links, i.votes)]
    .filter(Boolean)
    .join(', ');
}
