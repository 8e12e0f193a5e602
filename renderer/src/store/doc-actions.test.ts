// Every write a person can make goes through these actions; here each one runs on a bare Y.Doc.
import { describe, it, expect } from 'vitest';
import { itemText, itemsMap, measuresMap, outcomesMap } from '../../../shared/doc';
import { frameworkIndex } from '../../../shared/framework';
import { bareWorkshop, domainIds } from './test-support';
import { CARD_WIDTH, CARD_HEIGHT, domainRegion, slotPosition } from '../../../shared/doc/board-geometry';

const fw = frameworkIndex.framework;
const roleId = fw.domains[0]!.roles[0]!.id;

describe('doc actions', () => {
  it('cards: add, name, edit, change lens, tag, duplicate, move, link and remove', () => {
    const w = bareWorkshop();
    const a = w.actions.addCard('people', domainIds[0]!)!;
    w.actions.typeCardText(a, 'Discharge team', true);
    w.actions.endCardText();
    w.actions.setCardText(a, 'Hospital discharge team');
    w.actions.setCardKind(a, 'place');
    w.actions.setTag(a, roleId, true);
    let card = w.snapshot().cards.get(a)!;
    expect(card).toMatchObject({ text: 'Hospital discharge team', kind: 'place', domainId: domainIds[0], author: 'Hannah Reid', organisation: 'Academy' });
    expect(card.tags).toEqual([roleId]);
    const b = w.actions.duplicate(a)!;
    expect(w.snapshot().cards.get(b)).toMatchObject({ text: 'Hospital discharge team', position: { x: card.position.x + 30, y: card.position.y + 30 } });
    w.actions.move(a, { x: 900, y: 40 }, domainIds[1]!);
    card = w.snapshot().cards.get(a)!;
    expect(card.position).toEqual({ x: 900, y: 40 });
    expect(card.domainId).toBe(domainIds[1]);
    w.actions.link(a, b);
    expect(w.snapshot().links.size).toBe(1);
    const [linkId] = [...w.snapshot().links.keys()];
    w.actions.unlink(linkId!);
    expect(w.snapshot().links.size).toBe(0);
    w.actions.link(a, b);
    w.actions.remove([a], [...w.snapshot().links.keys()]);
    expect(w.snapshot().cards.has(a)).toBe(false);
    expect(w.snapshot().links.size).toBe(0);
    // Entries and links removed together are one step.
    w.undo();
    expect(w.snapshot().cards.has(a)).toBe(true);
    expect(w.snapshot().links.size).toBe(1);
  });

  it('plan items: every field, organisations and criteria', () => {
    const w = bareWorkshop();
    const id = w.actions.addPlanItem(fw.domains[2]!.interventions[0]!.id, domainIds[2]!)!;
    w.actions.setItemStatus(id, 'agreed');
    w.actions.setDeliveryRoute(id, fw.deliveryRoutes[0]!.id);
    w.actions.typeItemField(id, 'owner', 'Grace Okafor');
    w.actions.typeItemField(id, 'cost', '£6,500');
    w.actions.typeItemText(id, 'description', 'Monthly action learning sets.');
    w.actions.typeItemText(id, 'description', 'Monthly action learning sets across the pathway.');
    w.actions.addOrganisation(id, { name: 'Riverside City Council', type: 'Local authority' });
    w.actions.addOrganisation(id, { name: 'Riverside Hospital', type: 'NHS trust' });
    w.actions.removeOrganisation(id, 'Riverside Hospital');
    w.actions.setCriterionAnswer(id, fw.criteria[0]!.id, { met: true, note: 'Shortens stays' });
    const item = w.snapshot().items.get(id)!;
    expect(item).toMatchObject({ status: 'agreed', deliveryRoute: fw.deliveryRoutes[0]!.id, owner: 'Grace Okafor', cost: '£6,500', domainId: domainIds[2] });
    expect(item.organisations).toEqual([{ name: 'Riverside City Council', type: 'Local authority' }]);
    expect(item.criteria[fw.criteria[0]!.id]).toEqual({ met: true, note: 'Shortens stays' });
    expect(itemText(w.doc, id, 'description').toString()).toBe('Monthly action learning sets across the pathway.');
  });

  it('a custom plan item keeps its title', () => {
    const w = bareWorkshop();
    const id = w.actions.addPlanItem(null, domainIds[3]!, { x: 5, y: 6 }, 'Joint discharge huddles')!;
    expect(w.snapshot().items.get(id)).toMatchObject({ customTitle: 'Joint discharge huddles', position: { x: 5, y: 6 }, interventionId: null });
  });

  it('follow-up: a measure and an outcome are each one step, and Undo takes them back', () => {
    const w = bareWorkshop();
    const item = w.actions.addPlanItem('action-learning-sets', domainIds[0]!)!;
    w.actions.addMeasure(item, { what: 'Delayed discharges a week' });
    const [measureId] = [...measuresMap(w.doc).keys()];
    w.actions.recordOutcome(measureId!, { date: '2027-03-31', value: 12, recordedBy: 'Hannah Reid' });
    expect(outcomesMap(w.doc).size).toBe(1);
    w.undo();
    expect(outcomesMap(w.doc).size).toBe(0);
    expect(measuresMap(w.doc).size).toBe(1);
    w.undo();
    expect(measuresMap(w.doc).size).toBe(0);
    expect(itemsMap(w.doc).has(item)).toBe(true);
    w.redo();
    w.redo();
    expect(outcomesMap(w.doc).size).toBe(1);
  });

  it('a new card never lands on one already there, even one dragged onto its slot', () => {
    const w = bareWorkshop();
    const domain = domainIds[2]!;
    for (let i = 0; i < 3; i++) w.actions.addCard('people', domain, undefined, `card ${i}`);
    // A card from another domain is dropped 10 px off the slot that counting the domain's cards
    // (four, with it) would give the next new one.
    const moved = w.actions.addCard('place', domainIds[0]!, undefined, 'dragged in')!;
    const byCount = slotPosition(domainRegion(2), 'card', 4);
    w.actions.move(moved, { x: byCount.x + 10, y: byCount.y }, domain);
    const fresh = w.actions.addCard('purpose', domain, undefined, 'new one')!;
    const at = w.snapshot().cards.get(fresh)!.position;
    const covered = [...w.snapshot().cards.values()].filter(
      (c) => c.id !== fresh && Math.abs(c.position.x - at.x) < CARD_WIDTH && Math.abs(c.position.y - at.y) < CARD_HEIGHT,
    );
    expect(covered.map((c) => c.text)).toEqual([]);
    expect(w.snapshot().cards.get(fresh)!.domainId).toBe(domain);
  });

  it('without permission nothing is written at all', () => {
    const w = bareWorkshop();
    const id = w.actions.addPlanItem(null, domainIds[0]!, undefined, 'Huddles')!;
    const locked = bareWorkshop({ doc: w.doc, allowed: () => false });
    const before = JSON.stringify(w.doc.toJSON());
    locked.actions.typeItemField(id, 'owner', 'x');
    locked.actions.typeItemText(id, 'audience', 'x');
    locked.actions.addOrganisation(id, { name: 'X', type: 'Other' });
    locked.actions.setCriterionAnswer(id, fw.criteria[0]!.id, { met: false, note: '' });
    locked.actions.remove([id]);
    locked.actions.addCard('people', domainIds[0]!, undefined, 'x');
    expect(JSON.stringify(w.doc.toJSON())).toBe(before);
  });
});
