// Pure derived views over snapshots: what the plan table, coverage summary and framework
// panel show. No Yjs here, so these are cheap to test and to reuse in exports.
import type { CardView, PlanItemView, LinkView } from './layout';
import type { FrameworkIndex } from '../framework/load';

export interface DomainCoverage {
  domainId: string;
  name: string;
  cards: number;
  interventions: number;
  /** role/behaviour ids of this domain that some card or plan item is tagged with */
  coveredTags: ReadonlySet<string>;
}

export function domainCoverage(fw: FrameworkIndex, cards: readonly CardView[], items: readonly PlanItemView[]): DomainCoverage[] {
  const allTags = new Set<string>();
  for (const c of cards) for (const t of c.tags) allTags.add(t);
  for (const i of items) for (const t of i.tags) allTags.add(t);
  return fw.framework.domains.map((d) => ({
    domainId: d.id,
    name: d.name,
    cards: cards.filter((c) => c.domainId === d.id).length,
    interventions: items.filter((i) => i.domainId === d.id).length,
    coveredTags: new Set([...d.roles, ...d.behaviours].map((e) => e.id).filter((id) => allTags.has(id))),
  }));
}

/** Domains that have no intervention in the plan yet, in framework order. */
export function domainsWithoutInterventions(coverage: readonly DomainCoverage[]): DomainCoverage[] {
  return coverage.filter((c) => c.interventions === 0);
}

/** Plan rows in a stable reading order: by domain (framework order), then by creation. */
export function planRows(fw: FrameworkIndex, items: readonly PlanItemView[]): PlanItemView[] {
  const order = new Map(fw.framework.domains.map((d, i) => [d.id, i]));
  return [...items].sort((a, b) => (order.get(a.domainId) ?? 99) - (order.get(b.domainId) ?? 99) || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

/** True when a plan item sits in a domain other than the one its intervention belongs to. */
export function isOutsideHomeDomain(fw: FrameworkIndex, item: PlanItemView): boolean {
  if (!item.interventionId) return false;
  const home = fw.interventionById.get(item.interventionId)?.domain.id;
  return home !== undefined && home !== item.domainId;
}

/**
 * Links whose two ends both still exist. A link made while someone else deleted one of its ends
 * survives the merge; every reader goes through this instead of filtering on its own.
 */
export function liveLinks(links: Iterable<LinkView>, exists: (id: string) => boolean): LinkView[] {
  return [...links].filter((l) => exists(l.from) && exists(l.to));
}
