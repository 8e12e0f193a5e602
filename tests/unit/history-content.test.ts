import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { contentKey, makeEqual, previewOf, summarise } from '../../server/history-content';
import { addCard, addPlanItem, addTable, cardsMap, readCard } from '../../shared/doc';

describe('restore points never recurse without a bound', () => {
  it('read and restore a workshop that an old host saved with 12,000 nested maps under a card', () => {
    const doc = new Y.Doc();
    const card = addCard(doc, { kind: 'people', text: 'Ward managers', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    doc.transact(() => {
      let m = cardsMap(doc).get(card)!.set('hidden', new Y.Map<unknown>());
      for (let i = 0; i < 12_000; i++) m = m.set('n', new Y.Map<unknown>());
    });
    expect(() => contentKey(doc)).not.toThrow();
    const target = new Y.Doc();
    target.transact(() => makeEqual(target, doc));
    expect(readCard(card, cardsMap(target).get(card)!).text).toBe('Ward managers');
    expect(contentKey(target)).toBe(contentKey(doc));
    expect(summarise(null, doc).cardsAdded).toHaveLength(1);
  });
});

describe('restore points name the table', () => {
  it('says which table each card and plan item was at, and nothing for the room’s own', () => {
    const doc = new Y.Doc();
    const table = addTable(doc, 'Bassetlaw');
    const before = new Y.Doc();
    Y.applyUpdate(before, Y.encodeStateAsUpdate(doc));
    addCard(doc, { kind: 'place', text: 'Discharge hub', domainId: 'individual-effectiveness', position: { x: 0, y: 0 }, tableId: table });
    addCard(doc, { kind: 'people', text: 'Ward managers', domainId: 'individual-effectiveness', position: { x: 0, y: 0 } });
    addPlanItem(doc, { interventionId: null, customTitle: 'Shadowing', domainId: 'individual-effectiveness', position: { x: 0, y: 0 }, tableId: table });
    const summary = summarise(before, doc);
    expect(summary.cardsAdded.map((e) => [e.label, e.table])).toEqual(
      expect.arrayContaining([
        ['Discharge hub', 'Bassetlaw'],
        ['Ward managers', ''],
      ]),
    );
    expect(previewOf(doc).items.map((e) => [e.label, e.table])).toEqual([['Shadowing', 'Bassetlaw']]);
  });
});
