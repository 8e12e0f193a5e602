// What a screen reader says about a card or plan item after its name (its text or title):
// what it is, which domain it sits in, and what is attached to it.
import { frameworkIndex } from '../../../shared/framework';
import type { CardView, PlanItemView, VoteResult } from '../../../shared/doc/layout';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function extras(tags: number, linked: number, votes: VoteResult | null): string {
  const parts: string[] = [];
  if (votes && votes.dots > 0) parts.push(plural(votes.dots, 'vote'));
  if (tags) parts.push(`tagged with ${plural(tags, 'role or behaviour', 'roles and behaviours')}`);
  if (linked) parts.push(`${plural(linked, 'link')}`);
  return parts.length ? `, ${parts.join(', ')}` : '';
}

export function lensName(kind: CardView['kind']): string {
  return frameworkIndex.framework.lenses.find((l) => l.id === kind)?.name ?? kind;
}

export function cardDescription(card: CardView, domainName: string, linked: number): string {
  return `${card.kind} card in ${domainName}${extras(card.tags.length, linked, card.votes)}`;
}

export function itemDescription(item: PlanItemView, domainName: string, homeDomainName: string | null, linked: number): string {
  const kind = item.interventionId ? 'intervention' : 'custom intervention';
  const placed = homeDomainName ? `, placed outside its framework domain (${homeDomainName})` : '';
  return `${kind} in ${domainName}, ${item.status}${placed}${extras(item.tags.length, linked, item.votes)}`;
}
