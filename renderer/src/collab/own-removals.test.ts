// What this person lists in presence as removed by them: their own removals, however made, and
// nothing that arrived from anyone else.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { addCard, addPlanItem, cardsMap, deleteEntry } from '../../../shared/doc';
import { watchOwnRemovals } from './own-removals';
import { MAX_REMOVED } from './presence';

const rel = 'relationships-and-connectivity';
const card = (doc: Y.Doc, text: string) => addCard(doc, { kind: 'people', text, domainId: rel, position: { x: 0, y: 0 } });

describe('own removals', () => {
  it('lists the cards and plan items this person removed, newest last, and not other people’s', () => {
    const mine = new Y.Doc();
    const lists: string[][] = [];
    watchOwnRemovals(mine, (recent) => lists.push(recent));
    const a = card(mine, 'Town hall');
    const b = addPlanItem(mine, { interventionId: 'action-learning-sets', domainId: rel, position: { x: 0, y: 0 } });
    expect(lists).toEqual([]);
    deleteEntry(mine, b);
    deleteEntry(mine, a);
    expect(lists).toEqual([[b], [b, a]]);

    // Someone else's removal reaches this doc from the relay: not this person's to claim.
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
    const c = card(theirs, 'Bus station');
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs), 'relay');
    const before = Y.encodeStateVector(theirs);
    deleteEntry(theirs, c);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, before), 'relay');
    expect(cardsMap(mine).has(c)).toBe(false);
    expect(lists).toHaveLength(2);
  });

  it('counts an Undo that takes an added card away, and keeps only the latest few', () => {
    const doc = new Y.Doc();
    const undo = new Y.UndoManager([cardsMap(doc)], { trackedOrigins: new Set(['me']) });
    const lists: string[][] = [];
    watchOwnRemovals(doc, (recent) => lists.push(recent));
    let id = '';
    doc.transact(() => (id = card(doc, 'Undone')), 'me');
    undo.undo();
    expect(lists.at(-1)).toEqual([id]);
    for (let i = 0; i < MAX_REMOVED + 5; i++) deleteEntry(doc, card(doc, `c${i}`));
    expect(lists.at(-1)).toHaveLength(MAX_REMOVED);
  });
});
