import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { contentKey, makeEqual, summarise } from '../../server/history-content';
import { addCard, cardsMap, readCard } from '../../shared/doc';

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
