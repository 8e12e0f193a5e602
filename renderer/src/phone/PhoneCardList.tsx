// Every card in the space shown (the room's, or one table's), one region per domain (named by the domain) and, inside it, one
// group per lens; the domain's interventions follow. Cards are kept in the order they were made,
// so a list never reshuffles under a thumb when someone else adds a card.
import { useMemo } from 'react';
import { frameworkIndex } from '../../../shared/framework';
import type { CardView, PlanItemView } from '../../../shared/doc';
import { useShownEntries } from '../board/use-shown-entries';
import { LensIcon } from '../board/lens-style';
import { plural, sentenceCase } from '../lib/text';
import { PhoneCard } from './PhoneCard';
import { domainSectionId } from './scroll-to-domain';

const { lenses, domains } = frameworkIndex.framework;

export function PhoneCardList({ followedDomain }: { followedDomain: number | null }) {
  // The space shown: a seated person's table, or the room's (with no tables, every card).
  const { cards, items } = useShownEntries();
  const byDomain = useMemo(() => {
    const out = new Map<string, { cards: CardView[]; items: PlanItemView[] }>(domains.map((d) => [d.id, { cards: [], items: [] }]));
    for (const c of cards.values()) out.get(c.domainId)?.cards.push(c);
    for (const i of items.values()) out.get(i.domainId)?.items.push(i);
    for (const group of out.values()) group.cards.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return out;
  }, [cards, items]);

  return (
    <div className="phone-domains">
      {domains.map((domain, index) => {
        const group = byDomain.get(domain.id)!;
        const headingId = `${domainSectionId(index)}-title`;
        const followed = followedDomain === index;
        return (
          <section
            key={domain.id}
            id={domainSectionId(index)}
            className={`phone-domain d${index}${followed ? ' is-followed' : ''}`}
            aria-labelledby={headingId}
            aria-current={followed ? 'location' : undefined}
          >
            <header className="phone-domain-header">
              <span className="domain-number" aria-hidden="true">
                {index + 1}
              </span>
              <div>
                <h2 id={headingId} className="phone-domain-title">
                  {domain.name}
                </h2>
                <p className="small muted">
                  {plural(group.cards.length, 'card')} · {plural(group.items.length, 'intervention')}
                </p>
              </div>
            </header>
            {lenses.map((lens) => {
              const list = group.cards.filter((c) => c.kind === lens.id);
              if (list.length === 0) return null;
              const lensHeading = `${headingId}-${lens.id}`;
              return (
                <div key={lens.id} className={`phone-lens lens-${lens.id}`} role="group" aria-labelledby={lensHeading}>
                  <h3 id={lensHeading} className="phone-lens-title">
                    <LensIcon lens={lens.id} />
                    {lens.name}
                  </h3>
                  <ul className="phone-cards">
                    {list.map((c) => (
                      <PhoneCard key={c.id} card={c} />
                    ))}
                  </ul>
                </div>
              );
            })}
            {group.items.length > 0 && (
              <div className="phone-items" role="group" aria-labelledby={`${headingId}-items`}>
                <h3 id={`${headingId}-items`} className="phone-lens-title">
                  Interventions
                </h3>
                <ul>
                  {group.items.map((i) => (
                    <li key={i.id}>
                      <span className="grow">{i.title}</span>
                      <span className="chip chip-sm">{sentenceCase(i.status)}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {group.cards.length === 0 && group.items.length === 0 && <p className="small muted">Nothing here yet.</p>}
          </section>
        );
      })}
    </div>
  );
}
