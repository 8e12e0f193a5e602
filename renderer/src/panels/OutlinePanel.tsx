import { useMemo } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import { useActions, useWorkshop } from '../store/context';

/** The board as a list, by domain: the way a screen-reader user reads and moves around it. */
export function OutlinePanel() {
  const cards = useWorkshop((s) => s.snapshot.cards);
  const items = useWorkshop((s) => s.snapshot.items);
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
  const entry = (id: string, label: string) => (
    <li key={id}>
      <button type="button" className="link-btn" aria-current={selection.includes(id) ? 'true' : undefined} onClick={() => actions.focus(id)}>
        {label}
      </button>
    </li>
  );
  return (
    <nav className="outline" aria-label="Board outline">
      <p className="small muted">Choose anything here to select it and show it on the board.</p>
      {byDomain.map(({ domain, cards: dc, items: di }, index) => (
        <div key={domain.id} className={`outline-domain d${index}`} role="group" aria-labelledby={`outline-${domain.id}`}>
          <h3 id={`outline-${domain.id}`}>{domain.name}</h3>
          {dc.length + di.length === 0 && <p className="small muted">Nothing here yet.</p>}
          {di.length > 0 && (
            <>
              <h4 id={`outline-${domain.id}-items`}>Interventions</h4>
              <ul aria-labelledby={`outline-${domain.id}-items`}>{di.map((i) => entry(i.id, i.title))}</ul>
            </>
          )}
          {frameworkIndex.framework.lenses.map((lens) => {
            const list = dc.filter((c) => c.kind === lens.id);
            if (list.length === 0) return null;
            const headingId = `outline-${domain.id}-${lens.id}`;
            return (
              <div key={lens.id}>
                <h4 id={headingId}>{lens.name}</h4>
                <ul aria-labelledby={headingId}>{list.map((c) => entry(c.id, c.text || 'Empty card'))}</ul>
              </div>
            );
          })}
        </div>
      ))}
    </nav>
  );
}
