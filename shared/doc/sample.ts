// Loads the worked example (resources/sample-workshop.json) into a workshop doc, for
// facilitators who want to see a finished board, and for demos, tests and benchmarks.
import type * as Y from 'yjs';
import { z } from 'zod';
import type { FrameworkIndex } from '../framework/load';
import { lensIds, deliveryRouteIds } from '../framework/schema';
import { organisationTypes, planStatuses, itemTextFields, type OrganisationType } from './layout';
import { domainRegion, tidyPositions, type TidyEntry } from './board-geometry';
import { addCard, addLink, addPlanItem, initWorkshop, setItemScalar, replaceItemText, setOrganisations } from './workshop-doc';
import { readMeta } from './read';

const sampleSchema = z.object({
  workshop: z.object({ title: z.string(), footprint: z.string(), facilitatingAcademy: z.string(), date: z.string() }),
  participants: z.array(z.object({ name: z.string(), organisation: z.string(), organisationType: z.enum(organisationTypes), role: z.string() })),
  cards: z.array(z.object({ kind: z.enum(lensIds), domain: z.string(), text: z.string(), author: z.string() })),
  planItems: z.array(
    z.object({
      intervention: z.string(),
      domain: z.string(),
      audience: z.string(),
      organisations: z.array(z.string()),
      deliveryRoute: z.string(),
      partner: z.string(),
      owner: z.string(),
      start: z.string(),
      end: z.string(),
      cost: z.string(),
      funding: z.string(),
      measuresOfSuccess: z.string(),
      expectedImpacts: z.string(),
      status: z.enum(planStatuses),
      /** the cards (by their exact text) that led to this intervention: linked on the board */
      addresses: z.array(z.string()).default([]),
    }),
  ),
});

export type SampleWorkshop = z.infer<typeof sampleSchema>;

export function parseSample(raw: unknown): SampleWorkshop {
  return sampleSchema.parse(raw);
}

/**
 * Adds the sample's cards, plan items and their links to a doc; with `withMeta` it also takes its
 * title, footprint and academy. Without, the workshop keeps its own academy, and the example
 * follows it: the academy it names as a partner (and in any text) is the one facilitating.
 */
export function loadSample(doc: Y.Doc, raw: unknown, fw: FrameworkIndex, origin: unknown = null, withMeta = true): void {
  const sample = parseSample(raw);
  const domainIdByName = new Map(fw.framework.domains.map((d) => [d.name.toLowerCase(), d.id]));
  const domainIndex = new Map(fw.framework.domains.map((d, i) => [d.id, i]));
  const interventionIdByTitle = new Map([...fw.interventionById.values()].map((v) => [v.intervention.title.toLowerCase(), v.intervention.id]));
  const orgType = new Map<string, OrganisationType>(sample.participants.map((p) => [p.organisation, p.organisationType]));
  const orgOf = new Map(sample.participants.map((p) => [p.name, p.organisation]));
  const academyId = fw.framework.academies.find((a) => a.name === sample.workshop.facilitatingAcademy)?.id ?? '';
  const follow = followAcademy(
    sample.workshop.facilitatingAcademy,
    withMeta ? sample.workshop.facilitatingAcademy : (fw.framework.academies.find((a) => a.id === readMeta(doc).academyId)?.name ?? null),
  );
  const domainOf = (name: string) => {
    const id = domainIdByName.get(name.toLowerCase());
    if (!id) throw new Error(`Sample names an unknown domain "${name}"`);
    return id;
  };
  // The worked example starts tidy: each domain's cards grouped by lens, then its interventions.
  const entriesByDomain = new Map<string, TidyEntry[]>();
  const entry = (domainId: string, e: TidyEntry) => entriesByDomain.set(domainId, [...(entriesByDomain.get(domainId) ?? []), e]);
  sample.cards.forEach((c, i) => entry(domainOf(c.domain), { id: `card${i}`, group: c.kind, createdAt: i }));
  sample.planItems.forEach((p, i) => entry(domainOf(p.domain), { id: `item${i}`, group: 'item', createdAt: i }));
  const positions = new Map<string, { x: number; y: number }>();
  for (const [domainId, list] of entriesByDomain)
    for (const [id, p] of tidyPositions(domainRegion(domainIndex.get(domainId) ?? 0), list, lensIds)) positions.set(id, p);
  const slotOf = (id: string) => positions.get(id)!;

  const cardIdByText = new Map<string, string>();
  doc.transact(() => {
    if (withMeta) {
      initWorkshop(doc, { title: sample.workshop.title, footprint: sample.workshop.footprint, academyId, date: sample.workshop.date }, origin);
    }
    for (const [i, c] of sample.cards.entries()) {
      const domainId = domainOf(c.domain);
      const id = addCard(
        doc,
        { kind: c.kind, text: follow(c.text), domainId, position: slotOf(`card${i}`), author: c.author, organisation: follow(orgOf.get(c.author) ?? '') },
        origin,
      );
      cardIdByText.set(c.text, id);
    }
    for (const [i, p] of sample.planItems.entries()) {
      const domainId = domainOf(p.domain);
      const interventionId = interventionIdByTitle.get(p.intervention.toLowerCase()) ?? null;
      const id = addPlanItem(
        doc,
        { interventionId, customTitle: interventionId ? '' : p.intervention, domainId, position: slotOf(`item${i}`), status: p.status },
        origin,
      );
      const route = deliveryRouteIds.find((r) => r.replace('-', ' ') === p.deliveryRoute.toLowerCase()) ?? '';
      setItemScalar(doc, id, 'deliveryRoute', route, origin);
      for (const f of ['partner', 'owner', 'start', 'end', 'cost', 'funding'] as const) setItemScalar(doc, id, f, follow(p[f]), origin);
      for (const f of itemTextFields) if (f !== 'description') replaceItemText(doc, id, f, follow(p[f]), origin);
      setOrganisations(
        doc,
        id,
        p.organisations.map((name) => ({ name: follow(name), type: orgType.get(name) ?? 'Other' })),
        origin,
      );
      // Card to intervention, as a person draws it: what the room said led to what it planned.
      for (const text of p.addresses) {
        const card = cardIdByText.get(text);
        if (!card) throw new Error(`Sample links "${p.intervention}" to a card it does not have: "${text}"`);
        addLink(doc, card, id, origin);
      }
    }
  }, origin);
}

/**
 * Replaces the example's own academy with the workshop's in any text (partner, organisation,
 * card): "Yorkshire and the Humber" becomes "London", and its "… Leadership Academy" follows.
 * With no academy chosen, both read "Local Leadership Academy".
 */
function followAcademy(written: string, chosen: string | null): (text: string) => string {
  if (written === chosen) return (text) => text;
  const full = `${written} Leadership Academy`;
  const plain = 'Local Leadership Academy';
  return (text) => (chosen ? text.split(written).join(chosen) : text.split(full).join(plain).split(written).join(plain));
}
