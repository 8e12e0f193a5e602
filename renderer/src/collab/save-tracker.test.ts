// "N changes waiting" counts what a person did, not the transactions it took: typing a sentence
// into one field is one change, and so is adding a card and naming it.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { addCard, addPlanItem, setCardText, setItemScalar } from '../../../shared/doc';
import { DocWriter } from './doc-writer';
import { SaveTracker, countOwnChanges } from './save-tracker';
import { UNDO_CONFIG, named, typing } from './undo-steps';

const rel = 'relationships-and-connectivity';

function setup() {
  const doc = new Y.Doc();
  const clock = { now: 1_000_000 };
  const writer = new DocWriter(
    doc,
    () => true,
    UNDO_CONFIG,
    () => clock.now,
  );
  const tracker = new SaveTracker(doc, () => {});
  countOwnChanges(doc, writer, tracker);
  return { doc, clock, writer, tracker };
}

describe('changes waiting', () => {
  it('counts a sentence typed key by key into one field as one change, and the next field as another', () => {
    const { doc, clock, writer, tracker } = setup();
    let item = '';
    writer.change((d, o) => void (item = addPlanItem(d, { interventionId: 'action-learning-sets', domainId: rel, position: { x: 0, y: 0 } }, o)));
    expect(tracker.unsaved).toBe(1);
    const sentence = 'Monthly sets';
    for (let i = 1; i <= sentence.length; i++) {
      clock.now += 100;
      writer.change((d, o) => setItemScalar(d, item, 'owner', sentence.slice(0, i), o), typing(`${item}:owner`));
    }
    expect(tracker.unsaved).toBe(2);
    const afterOwner = Y.getState(doc.store, doc.clientID);
    clock.now += 100;
    writer.change((d, o) => setItemScalar(d, item, 'partner', 'Council', o), typing(`${item}:partner`));
    expect(tracker.unsaved).toBe(3);

    // The relay has saved everything up to the end of the typing: only the last field still waits.
    tracker.noteSaved(Y.encodeStateVector(new Map([[doc.clientID, afterOwner]])));
    expect(tracker.unsaved).toBe(1);
    tracker.noteSaved(Y.encodeStateVector(doc));
    expect(tracker.unsaved).toBe(0);
  });

  it('counts a card added and then named as one change, and an undo as another', () => {
    const { writer, tracker } = setup();
    let card = '';
    writer.change((d, o) => void (card = addCard(d, { kind: 'people', text: '', domainId: rel, position: { x: 0, y: 0 } }, o)), named('new-card'));
    writer.change((d, o) => setCardText(d, card, 'Ward sisters', o), named('new-card'));
    expect(tracker.unsaved).toBe(1);
    writer.endStep();
    writer.undo.undo();
    expect(tracker.unsaved).toBe(2);
  });
});
