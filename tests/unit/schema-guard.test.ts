import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { schemaViolation } from '../../server/schema-guard';
import {
  addCard,
  addPlanItem,
  cardsMap,
  itemsMap,
  setTag,
  addOrganisation,
  setCriterionAnswer,
  setMeta,
  addMeasure,
  recordOutcome,
  replaceItemText,
  outcomesMap,
  measuresMap,
} from '../../shared/doc';

const at = { x: 0, y: 0 };

/** What the relay would say about the change `change` makes to a copy of `base`. */
function verdict(base: Y.Doc, change: (d: Y.Doc) => void): string | null {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(base));
  const sv = Y.encodeStateVector(copy);
  change(copy);
  const room = new Y.Doc();
  Y.applyUpdate(room, Y.encodeStateAsUpdate(base));
  let result: string | null = 'not applied';
  room.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === 'check') result = schemaViolation(tr);
  });
  Y.applyUpdate(room, Y.encodeStateAsUpdate(copy, sv), 'check');
  return result;
}

describe('schema guard', () => {
  const base = new Y.Doc();
  const card = addCard(base, { kind: 'people', text: 'A', domainId: 'd', position: at });
  const item = addPlanItem(base, { interventionId: null, customTitle: 'X', domainId: 'd', position: at });

  it('lets every writer of the app through', () => {
    expect(verdict(base, (d) => addCard(d, { kind: 'place', text: 'B', domainId: 'd', position: at, tags: ['t1'] }))).toBeNull();
    expect(verdict(base, (d) => setTag(d, card, 'role-1', true))).toBeNull();
    expect(verdict(base, (d) => addOrganisation(d, item, { name: 'Riverside ICB', type: 'ICB' }))).toBeNull();
    expect(verdict(base, (d) => setCriterionAnswer(d, item, 'c1', { met: true, note: '' }))).toBeNull();
    expect(verdict(base, (d) => setMeta(d, 'title', 'Renamed'))).toBeNull();
    expect(verdict(base, (d) => cardsMap(d).delete(card))).toBeNull();
  });

  it('lets follow-up through: measures, outcomes, what was learned', () => {
    const withMeasure = new Y.Doc();
    Y.applyUpdate(withMeasure, Y.encodeStateAsUpdate(base));
    const measure = addMeasure(withMeasure, item, { what: 'Delays (days)', baseline: '9', target: '5' });
    expect(verdict(base, (d) => addMeasure(d, item, { what: 'Staff retention', reviewDate: '2027-03-31' }))).toBeNull();
    expect(verdict(withMeasure, (d) => recordOutcome(d, measure, { date: '2027-01-15', value: 7, recordedBy: 'Grace Okafor' }))).toBeNull();
    expect(verdict(base, (d) => replaceItemText(d, item, 'learned', 'Sets worked best monthly'))).toBeNull();
    expect(
      verdict(withMeasure, (d) =>
        measuresMap(d)
          .get(measure)!
          .set('target', 5 as unknown as string),
      ),
    ).toMatch(/target/);
    expect(verdict(withMeasure, (d) => outcomesMap(d).set('o1', 'a string' as unknown as object))).toMatch(/outcomes\.o1/);
  });

  it('refuses new top-level types, entries that are not maps, and wrong kinds at every level', () => {
    expect(verdict(base, (d) => d.getArray('extra').push(['x']))).toMatch(/no top-level “extra”/);
    expect(verdict(base, (d) => cardsMap(d).set('c2', 'not a map' as unknown as Y.Map<unknown>))).toMatch(/cards\.c2/);
    expect(verdict(base, (d) => cardsMap(d).get(card)!.set('y', '12'))).toMatch(/“y”/);
    expect(verdict(base, (d) => itemsMap(d).get(item)!.set('description', 'plain string, not a text'))).toMatch(/“description”/);
    expect(verdict(base, (d) => (cardsMap(d).get(card)!.get('tags') as Y.Map<unknown>).set('t', 'yes'))).toMatch(/“tags”/);
    expect(verdict(base, (d) => (itemsMap(d).get(item)!.get('organisations') as Y.Array<unknown>).push(['just a name']))).toMatch(/“organisations”/);
    expect(verdict(base, (d) => d.getMap('meta').set('schemaVersion', 'one'))).toMatch(/meta\.schemaVersion/);
  });
});
