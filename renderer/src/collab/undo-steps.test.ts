// The undo policy, with the production configuration: one user action is one undo step.
import { describe, it, expect } from 'vitest';
import * as Y from 'yjs';
import { itemText, metaMap, writeVoteResults } from '../../../shared/doc';
import { migrate } from '../../../shared/doc/migrations';
import { loadSample } from '../../../shared/doc/sample';
import { frameworkIndex } from '../../../shared/framework';
import sample from '../../../resources/sample-workshop.json';
import { bareWorkshop, domainIds } from '../store/test-support';
import { UNDO_CONFIG, NOT_UNDOABLE } from './undo-steps';

/** Types a string one key at a time, as a textarea reports it: the whole new value each time. */
function typeKeys(from: string, keys: string, write: (value: string) => void, tick: () => void = () => {}) {
  let value = from;
  for (const ch of keys) {
    value += ch;
    write(value);
    tick();
  }
  return value;
}

describe('undo steps', () => {
  it('a sentence typed into a plan field key by key is one step', () => {
    const w = bareWorkshop();
    const id = w.actions.addPlanItem(null, domainIds[0]!, undefined, 'Huddles')!;
    w.actions.typeItemText(id, 'description', 'Daily huddles.');
    w.actions.leaveItemField(id, 'description');
    typeKeys(
      'Daily huddles.',
      ' plus typed words',
      (v) => w.actions.typeItemText(id, 'description', v),
      () => (w.clock.now += 80),
    );
    expect(itemText(w.doc, id, 'description').toString()).toBe('Daily huddles. plus typed words');
    w.undo();
    expect(itemText(w.doc, id, 'description').toString()).toBe('Daily huddles.');
    w.undo();
    expect(itemText(w.doc, id, 'description').toString()).toBe('');
    expect(w.snapshot().items.has(id)).toBe(true);
  });

  it('a one-line field typed key by key is one step, back to its old value', () => {
    const w = bareWorkshop();
    const id = w.actions.addPlanItem(null, domainIds[0]!, undefined, 'Huddles')!;
    typeKeys(
      '',
      '£6,500',
      (v) => w.actions.typeItemField(id, 'cost', v),
      () => (w.clock.now += 50),
    );
    w.actions.leaveItemField(id, 'cost');
    expect(w.snapshot().items.get(id)!.cost).toBe('£6,500');
    w.undo();
    expect(w.snapshot().items.get(id)!.cost).toBe('');
    expect(w.snapshot().items.has(id)).toBe(true);
  });

  it('a pause in typing, leaving the field, or another field each start a new step', () => {
    const w = bareWorkshop();
    const id = w.actions.addPlanItem(null, domainIds[0]!, undefined, 'Huddles')!;
    const text = () => itemText(w.doc, id, 'audience').toString();
    let v = typeKeys('', 'Nurses', (x) => w.actions.typeItemText(id, 'audience', x));
    w.clock.now += UNDO_CONFIG.typingPauseMs + 1;
    v = typeKeys(v, ' and', (x) => w.actions.typeItemText(id, 'audience', x));
    w.actions.leaveItemField(id, 'audience');
    v = typeKeys(v, ' porters', (x) => w.actions.typeItemText(id, 'audience', x));
    typeKeys('', 'Trust', (x) => w.actions.typeItemField(id, 'funding', x));
    typeKeys(v, '!', (x) => w.actions.typeItemText(id, 'audience', x));
    expect(text()).toBe('Nurses and porters!');
    w.undo();
    expect(text()).toBe('Nurses and porters');
    w.undo();
    expect(w.snapshot().items.get(id)!.funding).toBe('');
    expect(text()).toBe('Nurses and porters');
    w.undo();
    expect(text()).toBe('Nurses and');
    w.undo();
    expect(text()).toBe('Nurses');
    w.undo();
    expect(text()).toBe('');
  });

  it('typing on just under the pause stays one step', () => {
    const w = bareWorkshop();
    const id = w.actions.addPlanItem(null, domainIds[0]!, undefined, 'Huddles')!;
    typeKeys(
      '',
      'slow typist',
      (x) => w.actions.typeItemField(id, 'owner', x),
      () => (w.clock.now += UNDO_CONFIG.typingPauseMs - 1),
    );
    w.undo();
    expect(w.snapshot().items.get(id)!.owner).toBe('');
  });

  it('a card added and then named key by key is one step; a card added and left empty leaves nothing behind', () => {
    const w = bareWorkshop();
    const kept = w.actions.addCard('people', domainIds[1]!)!;
    w.clock.now += 5_000;
    // Pauses while naming it do not split the step: the card and its words are one.
    typeKeys(
      '',
      'Care home managers',
      (x) => w.actions.typeCardText(kept, x, true),
      () => (w.clock.now += UNDO_CONFIG.typingPauseMs * 2),
    );
    w.actions.endCardText();
    expect(w.snapshot().cards.get(kept)!.text).toBe('Care home managers');
    expect(w.writer.undo.undoStack.length).toBe(1);
    const dropped = w.actions.addCard('place', domainIds[1]!)!;
    w.actions.discardNewCard(dropped);
    expect(w.writer.undo.undoStack.length).toBe(1);
    expect(w.writer.undo.canRedo()).toBe(false);
    expect(w.snapshot().cards.has(dropped)).toBe(false);
    expect(w.snapshot().cards.has(kept)).toBe(true);
    // One Undo takes the named card away, text and all.
    w.undo();
    expect(w.snapshot().cards.size).toBe(0);
    w.redo();
    expect(w.snapshot().cards.get(kept)!.text).toBe('Care home managers');
  });

  it("editing a card's words is one step until the editor closes; Escape takes the edit back without a trace", () => {
    const w = bareWorkshop();
    const id = w.actions.addCard('people', domainIds[0]!, undefined, 'Ward staff')!;
    const steps = w.writer.undo.undoStack.length;
    typeKeys(
      'Ward staff',
      ' and matrons',
      (x) => w.actions.typeCardText(id, x, false),
      () => (w.clock.now += UNDO_CONFIG.typingPauseMs * 2),
    );
    w.actions.endCardText();
    expect(w.writer.undo.undoStack.length).toBe(steps + 1);
    expect(w.snapshot().cards.get(id)!.text).toBe('Ward staff and matrons');
    // Cancelled half-way: the words are as they were and there is nothing new to undo.
    typeKeys(
      'Ward staff and matrons',
      ' on nights',
      (x) => w.actions.typeCardText(id, x, false),
      () => {},
    );
    w.actions.cancelCardText(id, 'Ward staff and matrons');
    expect(w.snapshot().cards.get(id)!.text).toBe('Ward staff and matrons');
    expect(w.writer.undo.undoStack.length).toBe(steps + 1);
    expect(w.writer.undo.canRedo()).toBe(false);
    w.undo();
    expect(w.snapshot().cards.get(id)!.text).toBe('Ward staff');
  });

  it('two actions in quick succession are two steps; a multi-card move is one', () => {
    const w = bareWorkshop();
    const a = w.actions.addCard('people', domainIds[0]!, { x: 10, y: 10 }, 'A')!;
    const b = w.actions.addCard('people', domainIds[0]!, { x: 20, y: 20 }, 'B')!;
    w.actions.moveMany([
      { id: a, position: { x: 300, y: 300 }, domainId: domainIds[2]! },
      { id: b, position: { x: 320, y: 320 }, domainId: domainIds[2]! },
    ]);
    w.actions.setTag(a, 'x', true);
    w.undo();
    w.undo();
    expect(w.snapshot().cards.get(a)!.position).toEqual({ x: 10, y: 10 });
    expect(w.snapshot().cards.get(b)!.position).toEqual({ x: 20, y: 20 });
    expect(w.snapshot().cards.get(a)!.domainId).toBe(domainIds[0]);
    w.undo();
    expect(w.snapshot().cards.has(b)).toBe(false);
    expect(w.snapshot().cards.has(a)).toBe(true);
  });

  it('typing after an undo starts a new step', () => {
    const w = bareWorkshop();
    const id = w.actions.addPlanItem(null, domainIds[0]!, undefined, 'Huddles')!;
    const v = typeKeys('', 'abc', (x) => w.actions.typeItemField(id, 'partner', x));
    w.undo();
    typeKeys('', 'xyz', (x) => w.actions.typeItemField(id, 'partner', x));
    w.undo();
    expect(w.snapshot().items.get(id)!.partner).toBe('');
    expect(v).toBe('abc');
    expect(w.snapshot().items.has(id)).toBe(true);
  });

  it('content laid down for a person (the worked example, a template) and migrations are never undoable', () => {
    const w = bareWorkshop({ doc: new Y.Doc() });
    metaMap(w.doc).set('title', 'Old file');
    migrate(w.doc, w.writer.systemOrigin);
    w.writer.change((d, o) => loadSample(d, sample, frameworkIndex, o, false), NOT_UNDOABLE);
    expect(w.snapshot().cards.size).toBeGreaterThan(0);
    expect(w.writer.undo.canUndo()).toBe(false);
    const cards = w.snapshot().cards.size;
    const mine = w.actions.addCard('people', domainIds[0]!, undefined, 'Mine')!;
    w.undo();
    w.undo();
    expect(w.snapshot().cards.has(mine)).toBe(false);
    expect(w.snapshot().cards.size).toBe(cards);
    expect(metaMap(w.doc).get('schemaVersion')).toBeGreaterThan(0);
  });

  it("another person's edits are never undone, even in the same field", () => {
    const me = bareWorkshop();
    const them = bareWorkshop({ doc: new Y.Doc() });
    const sync = () => {
      Y.applyUpdate(them.doc, Y.encodeStateAsUpdate(me.doc), 'relay');
      Y.applyUpdate(me.doc, Y.encodeStateAsUpdate(them.doc), 'relay');
    };
    const id = me.actions.addPlanItem(null, domainIds[0]!, undefined, 'Huddles')!;
    sync();
    them.actions.typeItemText(id, 'description', 'Theirs.');
    sync();
    typeKeys('Theirs.', ' Mine.', (v) => me.actions.typeItemText(id, 'description', v));
    const theirCard = them.actions.addCard('purpose', domainIds[3]!, undefined, 'Their card')!;
    sync();
    me.undo();
    expect(itemText(me.doc, id, 'description').toString()).toBe('Theirs.');
    me.undo();
    expect(me.snapshot().items.has(id)).toBe(false);
    expect(me.snapshot().cards.get(theirCard)?.text).toBe('Their card');
    expect(me.writer.undo.canUndo()).toBe(false);
  });

  it('vote results the relay writes are never undone', () => {
    const me = bareWorkshop();
    const relay = new Y.Doc();
    const card = me.actions.addCard('people', domainIds[0]!, undefined, 'Ward managers')!;
    Y.applyUpdate(relay, Y.encodeStateAsUpdate(me.doc));
    writeVoteResults(relay, { [card]: { dots: 3, voters: [] } }, 'relay');
    Y.applyUpdate(me.doc, Y.encodeStateAsUpdate(relay), 'relay');
    me.actions.setCardText(card, 'Ward and care home managers');
    me.undo();
    expect(me.snapshot().cards.get(card)).toMatchObject({ text: 'Ward managers', votes: { dots: 3 } });
    me.undo();
    expect(me.snapshot().cards.has(card)).toBe(false);
    expect(me.writer.undo.canUndo()).toBe(false);
  });

  it('nothing is written, and no step opened, when this person may not edit', () => {
    let allowed = false;
    const w = bareWorkshop({ allowed: () => allowed });
    expect(w.actions.addCard('people', domainIds[0]!, undefined, 'No')).toBeNull();
    expect(w.actions.addPlanItem(null, domainIds[0]!)).toBeNull();
    expect(w.snapshot().cards.size + w.snapshot().items.size).toBe(0);
    allowed = true;
    expect(w.actions.addCard('people', domainIds[0]!, undefined, 'Yes')).not.toBeNull();
  });
});
