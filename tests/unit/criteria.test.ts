import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { frameworkIndex as fw } from '../../shared/framework';
import {
  addPlanItem,
  addCard,
  addLink,
  addOrganisation,
  removeOrganisation,
  setItemScalar,
  setCriterionAnswer,
  itemsMap,
  cardsMap,
  linksMap,
  readPlanItem,
  readCard,
  readLink,
  evaluateCriteria,
  criteriaMet,
  planHealth,
  loadSample,
} from '../../shared/doc';
import sample from '../../resources/sample-workshop.json';

const [ie, rc] = fw.framework.domains;

function newItem(doc = new Y.Doc()) {
  const id = addPlanItem(doc, { interventionId: rc!.interventions[1]!.id, domainId: rc!.id, position: { x: 0, y: 0 } });
  return { doc, id, view: () => readPlanItem(id, itemsMap(doc).get(id)!, fw) };
}

const byKind = (doc: Y.Doc, id: string, kind: string) =>
  evaluateCriteria(fw, readPlanItem(id, itemsMap(doc).get(id)!, fw)).find((r) => r.criterion.computedFrom === kind)!;

describe('useful criteria', () => {
  it('follows the organisations as they are added and removed', () => {
    const { doc, id } = newItem();
    expect(byKind(doc, id, 'multi-organisational')).toMatchObject({ met: false, computed: true, reason: 'No organisations added yet.' });
    addOrganisation(doc, id, { name: 'Riverside Teaching Hospitals', type: 'NHS trust' });
    expect(byKind(doc, id, 'multi-organisational').met).toBe(false);
    expect(byKind(doc, id, 'multi-organisational').reason).toContain('Only one organisation');
    addOrganisation(doc, id, { name: 'Vale Community Health', type: 'NHS trust' });
    expect(byKind(doc, id, 'multi-organisational')).toMatchObject({ met: true });
    expect(byKind(doc, id, 'multi-organisational').reason).toMatch(/^Multi-organisational: 2 organisations/);
    addOrganisation(doc, id, { name: 'Riverside City Council', type: 'Local authority' });
    expect(byKind(doc, id, 'multi-organisational').reason).toMatch(/^Multi-agency: 3 organisations of 2 types/);
    removeOrganisation(doc, id, 'Vale Community Health');
    removeOrganisation(doc, id, 'Riverside City Council');
    expect(byKind(doc, id, 'multi-organisational').met).toBe(false);
  });

  it('judges affordability from cost and funding', () => {
    const { doc, id } = newItem();
    expect(byKind(doc, id, 'funded').met).toBeNull();
    setItemScalar(doc, id, 'cost', '£4,000');
    expect(byKind(doc, id, 'funded')).toMatchObject({ met: false, reason: '£4,000 has no funding source yet.' });
    setItemScalar(doc, id, 'funding', 'Academy funded');
    expect(byKind(doc, id, 'funded')).toMatchObject({ met: true, reason: '£4,000, funded by Academy funded.' });
    setItemScalar(doc, id, 'funding', '');
    setItemScalar(doc, id, 'cost', '£0');
    expect(byKind(doc, id, 'funded').met).toBe(true);
  });

  it('takes the group’s answers for the criteria it cannot compute', () => {
    const { doc, id, view } = newItem();
    const asked = fw.framework.criteria.filter((c) => c.computedFrom === null);
    expect(asked).toHaveLength(3);
    setCriterionAnswer(doc, id, asked[0]!.id, { met: true, note: 'Brings discharge steps nearer' });
    setCriterionAnswer(doc, id, asked[1]!.id, { met: false, note: '' });
    const results = evaluateCriteria(fw, view());
    expect(results.find((r) => r.criterion.id === asked[0]!.id)).toMatchObject({ met: true, computed: false, reason: 'Brings discharge steps nearer' });
    expect(results.find((r) => r.criterion.id === asked[1]!.id)).toMatchObject({ met: false, reason: 'The group judged it not met.' });
    expect(results.find((r) => r.criterion.id === asked[2]!.id)).toMatchObject({ met: null, reason: 'Not answered yet.' });
    expect(criteriaMet(results)).toBe(1);
  });
});

describe('plan health', () => {
  it('summarises the worked example', () => {
    const doc = new Y.Doc();
    loadSample(doc, sample, fw);
    const cards = [...cardsMap(doc)].map(([id, e]) => readCard(id, e));
    const items = [...itemsMap(doc)].map(([id, e]) => readPlanItem(id, e, fw));
    const links = [...linksMap(doc)].map(([id, e]) => readLink(id, e));
    const health = planHealth(fw, cards, items, links);
    expect(health.perDomain.reduce((n, d) => n + d.interventions, 0)).toBe(8);
    expect(health.domainsWithout).toEqual([]);
    // The sample's Quality Improvement Skills item has a cost and no funding.
    const qi = health.failing.find((f) => f.item.title === 'Quality Improvement Skills');
    expect(qi?.failures.map((f) => f.criterion.computedFrom)).toContain('funded');
    expect(health.organisations.length).toBeGreaterThanOrEqual(5);
    expect(health.organisationTypes.map((t) => t.type)).toContain('Local authority');
    // The worked example links 23 of its 30 cards to the interventions they led to.
    expect(health.unaddressedCards).toHaveLength(7);
  });

  it('counts a card as addressed once a plan item links to it, and names empty domains', () => {
    const doc = new Y.Doc();
    const card = addCard(doc, { kind: 'people', text: 'Ward managers', domainId: ie!.id, position: { x: 0, y: 0 } });
    const { id } = newItem(doc);
    addLink(doc, id, card);
    const health = planHealth(
      fw,
      [readCard(card, cardsMap(doc).get(card)!)],
      [readPlanItem(id, itemsMap(doc).get(id)!, fw)],
      [...linksMap(doc)].map(([lid, e]) => readLink(lid, e)),
    );
    expect(health.unaddressedCards).toEqual([]);
    expect(health.domainsWithout).toEqual(['Individual Effectiveness', 'Innovation and Improvement', 'Learning and Capacity Building']);
  });
});
