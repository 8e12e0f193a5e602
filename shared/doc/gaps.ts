// The framework as a coach: reads a board (the room's, or one table's) against the framework and
// says, rule by rule, what is missing and what would fill it. Rules over the framework data,
// each with its reason in words, never a score from nowhere.
import type { FrameworkIndex } from '../framework/load';
import type { CardView, PlanItemView } from './layout';
import { evaluateCriteria } from './criteria';

export interface DomainGap {
  domainId: string;
  name: string;
  cards: number;
  interventions: number;
  /** the framework's own words on what the domain is for: the reason to fill it */
  why: string;
  /** the menu's interventions for this domain not yet in the plan, offered when the domain is thin */
  suggestions: { id: string; title: string }[];
  /** leadership roles and behaviours of this domain that no card or intervention is tagged with */
  untagged: { id: string; text: string; kind: 'role' | 'behaviour' }[];
}

export interface CriterionGap {
  itemId: string;
  title: string;
  criterion: string;
  /** what is wrong, then what would meet it */
  problem: string;
  fix: string;
}

export interface Gaps {
  domains: DomainGap[];
  criteria: CriterionGap[];
}

/** A domain is thin with fewer cards than this, or with no intervention. */
export const THIN_DOMAIN_CARDS = 2;

/** What would meet a computed criterion an item fails, in a facilitator's words. */
function fixFor(kind: string | null): string {
  if (kind === 'multi-organisational') return 'Add a partner organisation, ideally of another type (a council, primary care, the voluntary sector).';
  if (kind === 'funded') return 'Name who funds it (the Academy, the ICB, a partner), or agree it costs nothing.';
  return 'Agree with the group what would meet it, and record it in the criteria.';
}

export function readGaps(fw: FrameworkIndex, cards: readonly CardView[], items: readonly PlanItemView[]): Gaps {
  const tagged = new Set([...cards.flatMap((c) => c.tags), ...items.flatMap((i) => i.tags)]);
  const planned = new Set(items.map((i) => i.interventionId).filter((id): id is string => id !== null));
  const domains = fw.framework.domains.map((d): DomainGap => {
    const cardCount = cards.filter((c) => c.domainId === d.id).length;
    const interventions = items.filter((i) => i.domainId === d.id).length;
    const thin = cardCount < THIN_DOMAIN_CARDS || interventions === 0;
    return {
      domainId: d.id,
      name: d.name,
      cards: cardCount,
      interventions,
      why: d.description,
      suggestions: thin ? d.interventions.filter((iv) => !planned.has(iv.id)).map((iv) => ({ id: iv.id, title: iv.title })) : [],
      untagged: [
        ...d.roles.filter((r) => !tagged.has(r.id)).map((r) => ({ id: r.id, text: r.text, kind: 'role' as const })),
        ...d.behaviours.filter((b) => !tagged.has(b.id)).map((b) => ({ id: b.id, text: b.text, kind: 'behaviour' as const })),
      ],
    };
  });
  const criteria: CriterionGap[] = [];
  for (const item of items)
    for (const r of evaluateCriteria(fw, item))
      if (r.met === false)
        criteria.push({ itemId: item.id, title: item.title, criterion: r.criterion.short, problem: r.reason, fix: fixFor(r.criterion.computedFrom) });
  return { domains, criteria };
}
