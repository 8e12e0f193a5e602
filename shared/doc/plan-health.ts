// Plan health: what a facilitator checks before calling the plan done. Pure, so the panel,
// the presentation and every export say exactly the same thing.
import type { FrameworkIndex } from '../framework/load';
import type { CardView, PlanItemView, LinkView, OrganisationType } from './layout';
import { evaluateCriteria, type CriterionResult } from './criteria';
import { planRows, liveLinks } from './views';

export interface PlanHealth {
  perDomain: { domainId: string; name: string; interventions: number }[];
  domainsWithout: string[];
  failing: { item: PlanItemView; failures: CriterionResult[] }[];
  unanswered: { item: PlanItemView; open: CriterionResult[] }[];
  organisations: { name: string; type: OrganisationType; items: number }[];
  organisationTypes: { type: OrganisationType; organisations: number }[];
  /** Start Anywhere cards that no plan item is linked to yet */
  unaddressedCards: CardView[];
}

export function planHealth(fw: FrameworkIndex, cards: readonly CardView[], items: readonly PlanItemView[], links: readonly LinkView[]): PlanHealth {
  const rows = planRows(fw, items);
  const perDomain = fw.framework.domains.map((d) => ({ domainId: d.id, name: d.name, interventions: items.filter((i) => i.domainId === d.id).length }));
  const failing: PlanHealth['failing'] = [];
  const unanswered: PlanHealth['unanswered'] = [];
  for (const item of rows) {
    const results = evaluateCriteria(fw, item);
    const failures = results.filter((r) => r.met === false);
    const open = results.filter((r) => r.met === null);
    if (failures.length) failing.push({ item, failures });
    if (open.length) unanswered.push({ item, open });
  }
  const orgs = new Map<string, { name: string; type: OrganisationType; items: number }>();
  for (const item of items)
    for (const o of item.organisations) {
      const prev = orgs.get(o.name);
      orgs.set(o.name, { name: o.name, type: prev?.type ?? o.type, items: (prev?.items ?? 0) + 1 });
    }
  const organisations = [...orgs.values()].sort((a, b) => b.items - a.items || a.name.localeCompare(b.name));
  const typeCounts = new Map<OrganisationType, number>();
  for (const o of organisations) typeCounts.set(o.type, (typeCounts.get(o.type) ?? 0) + 1);
  const itemIds = new Set(items.map((i) => i.id));
  const cardIds = new Set(cards.map((c) => c.id));
  const addressed = new Set<string>();
  for (const l of liveLinks(links, (id) => itemIds.has(id) || cardIds.has(id))) {
    if (itemIds.has(l.from) && cardIds.has(l.to)) addressed.add(l.to);
    if (itemIds.has(l.to) && cardIds.has(l.from)) addressed.add(l.from);
  }
  return {
    perDomain,
    domainsWithout: perDomain.filter((d) => d.interventions === 0).map((d) => d.name),
    failing,
    unanswered,
    organisations,
    organisationTypes: [...typeCounts.entries()].map(([type, n]) => ({ type, organisations: n })).sort((a, b) => b.organisations - a.organisations),
    unaddressedCards: cards.filter((c) => !addressed.has(c.id)),
  };
}
